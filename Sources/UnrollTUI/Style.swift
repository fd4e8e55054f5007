/// A colour role: what a cell means, mapped once to each palette by the terminal.
public enum Role: String, CaseIterable, Sendable {
    case text, muted, title, positive, negative, gate, memory, focus, clamped, warning, accent, selection
}

/// How a cell is drawn: a colour role and attributes.
///
/// Monochrome terminals render roles through the attributes that `Palette.monochrome` gives them,
/// so every role stays distinguishable without colour.
public struct Style: Equatable, Hashable, Sendable {
    public var role: Role
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(_ role: Role = .text, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.role = role
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }

    public static let plain = Style()

    public func with(bold: Bool? = nil, reverse: Bool? = nil, dim: Bool? = nil, underline: Bool? = nil) -> Style {
        var s = self
        if let bold { s.bold = bold }
        if let reverse { s.reverse = reverse }
        if let dim { s.dim = dim }
        if let underline { s.underline = underline }
        return s
    }
}

/// One terminal colour: an index into the 256-colour or 8-colour table, or the default (-1).
public struct PaletteEntry: Equatable, Sendable {
    public var foreground: Int
    public var background: Int
    public var bold: Bool
    public var reverse: Bool
    public var dim: Bool
    public var underline: Bool

    public init(foreground: Int = -1, background: Int = -1, bold: Bool = false, reverse: Bool = false, dim: Bool = false, underline: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
    }
}

/// The colour theme, defined once as tables (as htop does): role → colours for each terminal kind.
public enum Palette: String, Sendable {
    case color256, color8, monochrome

    /// What `role` becomes on this palette.
    public func entry(_ role: Role) -> PaletteEntry {
        switch self {
        case .color256:
            // Okabe–Ito, the colour-blind-safe set, as the nearest xterm colours: sky blue
            // (#56B4E9 → 74), vermillion (#D55E00 → 166), bluish green (#009E73 → 36), orange
            // (#E69F00 → 214), yellow (#F0E442 → 227), reddish purple (#CC79A7 → 175), blue
            // (#0072B2 → 25). No role pair that series are told apart by is red against green.
            switch role {
            case .text: return PaletteEntry()
            case .muted: return PaletteEntry(foreground: 245)
            case .title: return PaletteEntry(foreground: 74, bold: true)
            case .positive: return PaletteEntry(foreground: 74)
            case .negative: return PaletteEntry(foreground: 166)
            case .gate: return PaletteEntry(foreground: 36)
            case .memory: return PaletteEntry(foreground: 214)
            case .focus: return PaletteEntry(foreground: 231, background: 25, bold: true)
            case .clamped: return PaletteEntry(foreground: 227, bold: true)
            case .warning: return PaletteEntry(foreground: 166, bold: true)
            case .accent: return PaletteEntry(foreground: 175)
            case .selection: return PaletteEntry(foreground: 16, background: 153)
            }
        case .color8:
            // COLOR_BLACK 0, RED 1, GREEN 2, YELLOW 3, BLUE 4, MAGENTA 5, CYAN 6, WHITE 7.
            switch role {
            case .text: return PaletteEntry()
            case .muted: return PaletteEntry(dim: true)
            case .title: return PaletteEntry(foreground: 6, bold: true)
            case .positive: return PaletteEntry(foreground: 4, bold: true)
            case .negative: return PaletteEntry(foreground: 1)
            case .gate: return PaletteEntry(foreground: 2)
            case .memory: return PaletteEntry(foreground: 3)
            case .focus: return PaletteEntry(foreground: 7, background: 4, bold: true)
            case .clamped: return PaletteEntry(foreground: 5, bold: true)
            case .warning: return PaletteEntry(foreground: 1, bold: true)
            case .accent: return PaletteEntry(foreground: 5)
            case .selection: return PaletteEntry(foreground: 0, background: 6)
            }
        case .monochrome:
            switch role {
            case .text, .positive, .gate, .memory, .accent: return PaletteEntry()
            case .muted, .negative: return PaletteEntry(dim: role == .muted)
            case .title: return PaletteEntry(bold: true)
            case .focus, .selection: return PaletteEntry(reverse: true)
            case .clamped: return PaletteEntry(bold: true, underline: true)
            case .warning: return PaletteEntry(bold: true)
            }
        }
    }
}
