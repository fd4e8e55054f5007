import UnrollTUI

/// What a client's terminal can show, decided from what its SSH client tells the server: the
/// `TERM` of its pty request and the locale variables it sends (`LANG`, `LC_ALL`, `LC_CTYPE`).
///
/// Colour: `.color256` for a TERM naming 256 colours (or truecolor/direct), `.monochrome` for
/// `dumb`, `vt100`/`vt102`/`vt220` or a set `NO_COLOR`, `.color8` otherwise. Unicode glyphs unless
/// the locale the client sent names another codeset (`LC_ALL` over `LC_CTYPE` over `LANG`, as
/// setlocale reads them; `C`/`POSIX` count as ASCII) or the TERM is a VT-series terminal.
public struct TerminalProfile: Equatable, Sendable {
    public var palette: Palette
    public var unicode: Bool
    public var term: String

    public init(palette: Palette, unicode: Bool, term: String) {
        self.palette = palette
        self.unicode = unicode
        self.term = term
    }

    /// The glyph set widgets draw with for this terminal.
    public var glyphs: Glyphs { unicode ? .utf8 : .ascii }

    /// The profile for a TERM and the environment the client sent.
    public static func decide(term rawTerm: String, environment: [String: String]) -> TerminalProfile {
        let term = rawTerm.lowercased()
        let vt = ["vt100", "vt102", "vt220", "vt52"].contains(term)
        let palette: Palette
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty {
            palette = .monochrome
        } else if term.isEmpty || term == "dumb" || vt {
            palette = .monochrome
        } else if term.contains("256") || term.contains("truecolor") || term.contains("direct") {
            palette = .color256
        } else {
            palette = .color8
        }
        var unicode = !vt && term != "dumb"
        let locale = [environment["LC_ALL"], environment["LC_CTYPE"], environment["LANG"]]
            .compactMap { $0 }.first { !$0.isEmpty }
        if let locale {
            let codeset = locale.split(separator: ".", maxSplits: 1).dropFirst().first.map { String($0.split(separator: "@")[0]) }
            if let codeset { unicode = unicode && Self.isUTF8(codeset) }
            else { unicode = unicode && !(locale == "C" || locale == "POSIX") }
        }
        return TerminalProfile(palette: palette, unicode: unicode, term: rawTerm)
    }

    /// Whether a codeset name means UTF-8 ("UTF-8", "utf8", any case).
    static func isUTF8(_ codeset: String) -> Bool {
        codeset.uppercased().filter { $0 != "-" && $0 != "_" } == "UTF8"
    }
}
