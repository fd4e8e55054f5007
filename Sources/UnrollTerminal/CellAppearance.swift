import UnrollTUI

/// How one cell is drawn: a colour pair and attributes, resolved from its `Style` and the palette.
///
/// Pure, so the theme mapping is tested without a terminal; `TerminalSession` turns it into
/// curses attributes. Attributes are merged: a cell is bold when its style or its role's
/// palette entry says so (likewise reverse, dim, underline).
public struct CellAppearance: Equatable, Hashable, Sendable {
    /// The curses colour pair: 0 (terminal default) when colours are off, else `ColorPairs.pair(for:)`.
    public var pair: Int16
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(pair: Int16 = 0, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.pair = pair
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    /// The appearance of `style` on `palette`; `colors` false forces pair 0 (e.g. colour setup failed).
    public static func resolve(_ style: Style, palette: Palette, colors: Bool) -> CellAppearance {
        let entry = palette.entry(style.role)
        return CellAppearance(
            pair: colors && palette != .monochrome ? ColorPairs.pair(for: style.role) : 0,
            bold: style.bold || entry.bold,
            reverse: style.reverse || entry.reverse,
            dim: style.dim || entry.dim,
            underline: style.underline || entry.underline)
    }

    /// The character to send for `character`: itself, or `?` for non-ASCII when the locale is not
    /// UTF-8 (curses would otherwise print it blank or as `~A`). Control characters become spaces.
    public static func displayCharacter(_ character: Character, unicode: Bool) -> Character {
        guard let first = character.unicodeScalars.first else { return " " }
        if first.value < 0x20 || first.value == 0x7F { return " " }
        if !unicode && !character.isASCII { return "?" }
        return character
    }
}

/// The colour pairs, one per `Role`, defined once from the palette (as htop does).
public enum ColorPairs {
    /// The pair number of a role: its index in `Role.allCases` plus one (pair 0 is the default).
    public static func pair(for role: Role) -> Int16 {
        Int16((Role.allCases.firstIndex(of: role) ?? 0) + 1)
    }

    /// One `init_pair` call's arguments.
    public struct Definition: Equatable, Sendable {
        public var pair: Int16
        public var foreground: Int16
        public var background: Int16
    }

    /// The pairs to initialise for `palette` on a terminal with `colorCount` colours.
    ///
    /// Colours the terminal lacks fall back to the default (-1). Without `use_default_colors`
    /// (`defaultColors` false) the default becomes white on black (7 and 0).
    public static func definitions(for palette: Palette, colorCount: Int, defaultColors: Bool) -> [Definition] {
        guard palette != .monochrome else { return [] }
        func color(_ index: Int, fallback: Int16) -> Int16 {
            if index >= 0 && index < colorCount && index <= Int(Int16.max) { return Int16(index) }
            return defaultColors ? -1 : fallback
        }
        return Role.allCases.map { role in
            let entry = palette.entry(role)
            return Definition(pair: pair(for: role),
                              foreground: color(entry.foreground, fallback: 7),
                              background: color(entry.background, fallback: 0))
        }
    }
}
