/// Text from files (model names, vocabularies, labels, lesson text, paths) made safe to show on a
/// terminal: every character a terminal would act on instead of draw becomes a visible escape.
///
/// A model file whose `name` holds `ESC ] 52 ; c ; … BEL` would otherwise write the clipboard,
/// and `ESC [ 2 J` clear the screen. Replaced: C0 controls (U+0000–U+001F, including ESC),
/// DEL, C1 controls (U+0080–U+009F, which some terminals read as CSI, OSC …), and the
/// bidirectional embedding, override and isolate controls (U+202A–U+202E, U+2066–U+2069) that
/// make text display in another order than it reads. Each becomes `\u{XX}`, so what was in the
/// file stays visible. Everything else, including non-ASCII letters, passes unchanged.
///
/// ```swift
/// TerminalSafe.line("evil\u{1B}]52;c;aGk=\u{07}")   // "evil\u{1B}]52;c;aGk=\u{07}" written out literally
/// ```
public enum TerminalSafe {
    /// Whether a terminal would act on `scalar` rather than draw it (tab and newline included).
    public static func isUnsafe(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069: return true
        default: return false
        }
    }

    /// `text` for one line (an error message, a title): every unsafe scalar escaped, newlines too.
    public static func line(_ text: String) -> String {
        escape(text, keeping: [])
    }

    /// `text` for a multi-line transcript: newlines and tabs kept, every other unsafe scalar escaped.
    public static func lines(_ text: String) -> String {
        escape(text, keeping: ["\n", "\t"])
    }

    /// Whether `text` is already safe for one line.
    public static func isSafe(_ text: String) -> Bool {
        !text.unicodeScalars.contains(where: isUnsafe)
    }

    private static func escape(_ text: String, keeping kept: Set<Unicode.Scalar>) -> String {
        guard text.unicodeScalars.contains(where: { isUnsafe($0) && !kept.contains($0) }) else { return text }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            if isUnsafe(scalar) && !kept.contains(scalar) {
                out.append(contentsOf: "\\u{\(String(scalar.value, radix: 16, uppercase: true))}".unicodeScalars)
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }
}
