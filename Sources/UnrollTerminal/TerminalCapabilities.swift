import UnrollTUI

/// What the terminal can do, decided once before curses starts: full screen or plain text,
/// which palette, which glyphs.
///
/// The decision is a pure function of a `Probe` (environment, tty checks, terminfo answers,
/// locale codeset), so every rule is unit-tested without a terminal; `detect()` gathers the
/// real values.
///
/// ```swift
/// let caps = TerminalCapabilities.detect()
/// if caps.fullScreen { exit(runFullScreen(app, capabilities: caps)) }
/// else { print(caps.plainModeReason?.description ?? "") }   // plain text mode
/// ```
public struct TerminalCapabilities: Equatable, Sendable {
    /// Whether the full-screen curses UI may start; when false, use the plain text mode.
    public var fullScreen: Bool
    /// Why full screen is impossible (nil when `fullScreen` is true).
    public var plainModeReason: PlainModeReason?
    /// The colour theme for this terminal (also honoured by the plain mode).
    public var palette: Palette
    /// Whether the locale's codeset is UTF-8, so box drawing, blocks and braille display.
    public var unicode: Bool
    /// The value of `TERM` (nil when unset or empty).
    public var terminalName: String?

    public init(fullScreen: Bool, plainModeReason: PlainModeReason? = nil, palette: Palette, unicode: Bool, terminalName: String? = nil) {
        self.fullScreen = fullScreen
        self.plainModeReason = plainModeReason
        self.palette = palette
        self.unicode = unicode
        self.terminalName = terminalName
    }

    /// The glyph set widgets draw with: `.utf8` when the locale is UTF-8, `.ascii` otherwise.
    public var glyphs: Glyphs { unicode ? .utf8 : .ascii }

    /// Why the full-screen UI cannot start.
    public enum PlainModeReason: Equatable, Sendable, CustomStringConvertible {
        case stdinNotTerminal
        case stdoutNotTerminal
        case terminalUnset
        case dumbTerminal
        /// No terminfo entry for `TERM`.
        case unknownTerminal(String)
        /// The terminfo entry lacks `cup` (cursor addressing).
        case noCursorAddressing(String)

        public var description: String {
            switch self {
            case .stdinNotTerminal: return "standard input is not a terminal"
            case .stdoutNotTerminal: return "standard output is not a terminal"
            case .terminalUnset: return "TERM is not set"
            case .dumbTerminal: return "TERM=dumb cannot address the cursor"
            case .unknownTerminal(let name): return "no terminfo entry for TERM=\(name)"
            case .noCursorAddressing(let name): return "TERM=\(name) cannot address the cursor (no cup)"
            }
        }
    }

    /// The raw facts the decision is made from.
    public struct Probe: Equatable, Sendable {
        /// `TERM`, nil when unset.
        public var term: String?
        /// `NO_COLOR`, nil when unset (https://no-color.org: any non-empty value disables colour).
        public var noColor: String?
        public var stdinIsTerminal: Bool
        public var stdoutIsTerminal: Bool
        /// Whether `setupterm` found a terminfo entry for `term`.
        public var terminfoFound: Bool
        /// Whether the entry has the `cup` string capability.
        public var hasCursorAddressing: Bool
        /// terminfo `colors` (≤ 0 when absent).
        public var colors: Int
        /// `nl_langinfo(CODESET)` after `setlocale(LC_ALL, "")`, e.g. "UTF-8" or "ANSI_X3.4-1968".
        public var codeset: String

        public init(term: String?, noColor: String? = nil, stdinIsTerminal: Bool, stdoutIsTerminal: Bool,
                    terminfoFound: Bool, hasCursorAddressing: Bool, colors: Int, codeset: String) {
            self.term = term
            self.noColor = noColor
            self.stdinIsTerminal = stdinIsTerminal
            self.stdoutIsTerminal = stdoutIsTerminal
            self.terminfoFound = terminfoFound
            self.hasCursorAddressing = hasCursorAddressing
            self.colors = colors
            self.codeset = codeset
        }
    }

    /// Decides full screen, palette and glyphs from the probed facts.
    ///
    /// Full screen needs stdin and stdout to be terminals, `TERM` set, not `dumb`, known to
    /// terminfo and able to address the cursor. The palette is `.monochrome` when `NO_COLOR` is
    /// non-empty, else `.color256` for ≥ 256 colours, `.color8` for ≥ 8, `.monochrome` below.
    /// Unicode glyphs only when the codeset is UTF-8.
    public static func decide(_ probe: Probe) -> TerminalCapabilities {
        let term = (probe.term?.isEmpty ?? true) ? nil : probe.term
        let reason: PlainModeReason?
        if !probe.stdoutIsTerminal {
            reason = .stdoutNotTerminal  // checked first: a pipe is the usual way in, and the one to name
        } else if !probe.stdinIsTerminal {
            reason = .stdinNotTerminal
        } else if let term {
            if term == "dumb" {
                reason = .dumbTerminal
            } else if !probe.terminfoFound {
                reason = .unknownTerminal(term)
            } else if !probe.hasCursorAddressing {
                reason = .noCursorAddressing(term)
            } else {
                reason = nil
            }
        } else {
            reason = .terminalUnset
        }
        return TerminalCapabilities(
            fullScreen: reason == nil,
            plainModeReason: reason,
            palette: palette(colors: probe.colors, noColor: probe.noColor),
            unicode: isUTF8(codeset: probe.codeset),
            terminalName: term)
    }

    /// The palette for a colour count, honouring `NO_COLOR`.
    public static func palette(colors: Int, noColor: String?) -> Palette {
        if let noColor, !noColor.isEmpty { return .monochrome }
        if colors >= 256 { return .color256 }
        if colors >= 8 { return .color8 }
        return .monochrome
    }

    /// Whether a codeset name means UTF-8 ("UTF-8", "utf8", "UTF_8", any case).
    public static func isUTF8(codeset: String) -> Bool {
        let letters = codeset.uppercased().filter { $0 != "-" && $0 != "_" }
        return letters == "UTF8"
    }
}
