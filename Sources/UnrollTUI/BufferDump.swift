/// Text dumps of a buffer for tests and snapshots: the characters, plus where each role is.
///
/// `Buffer.text` gives the characters; `styledText` interleaves each row with a line of
/// role codes so a snapshot also pins down colours and emphasis:
///
/// ```
/// f 0.93 ████
/// ^ ^^^^ gggg
/// ```
///
/// Codes: space = `.text`, `m` muted, `T` title, `+` positive, `-` negative, `g` gate,
/// `M` memory, `F` focus, `C` clamped, `W` warning, `a` accent, `S` selection. A bold,
/// reversed or underlined `.text` cell shows as `b`, `r` or `u`.
extension Buffer {
    /// The one-character code of `style` in `styledText`.
    public static func code(for style: Style) -> Character {
        switch style.role {
        case .text: return style.bold ? "b" : style.reverse ? "r" : style.underline ? "u" : " "
        case .muted: return "m"
        case .title: return "T"
        case .positive: return "+"
        case .negative: return "-"
        case .gate: return "g"
        case .memory: return "M"
        case .focus: return "F"
        case .clamped: return "C"
        case .warning: return "W"
        case .accent: return "a"
        case .selection: return "S"
        }
    }

    /// Each row of characters followed by its row of style codes, trailing spaces trimmed.
    public var styledText: String {
        var out: [String] = []
        out.reserveCapacity(height * 2)
        for row in 0..<height {
            var chars = ""
            var codes = ""
            for col in 0..<width {
                let cell = cells[row * width + col]
                chars.append(cell.character)
                codes.append(Buffer.code(for: cell.style))
            }
            out.append(Buffer.trimmed(chars))
            out.append(Buffer.trimmed(codes))
        }
        return out.joined(separator: "\n")
    }

    /// The characters drawn with `role`, row by row, other cells shown as spaces (trailing spaces trimmed).
    public func text(withRole role: Role) -> String {
        (0..<height).map { row in
            var line = ""
            for col in 0..<width {
                let cell = cells[row * width + col]
                line.append(cell.style.role == role ? cell.character : " ")
            }
            return Buffer.trimmed(line)
        }.joined(separator: "\n")
    }

    /// The characters inside `rect`, one string per row (trailing spaces kept).
    public func lines(in rect: Rect) -> [String] {
        let r = rect.intersection(area)
        return (r.y..<r.maxY).map { row in String((r.x..<r.maxX).map { cells[row * width + $0].character }) }
    }

    private static func trimmed(_ line: String) -> String {
        var s = Substring(line)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
