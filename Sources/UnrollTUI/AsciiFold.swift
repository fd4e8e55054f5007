/// ASCII stand-ins for the non-ASCII characters a frame may hold, for non-UTF-8 terminals.
extension Buffer {
    /// Replaces every non-ASCII character with an ASCII stand-in, for terminals whose locale is
    /// not UTF-8 (where such characters come out blank or garbled).
    ///
    /// Widgets already draw with `Glyphs.ascii`; this catches text (σ, subscripts, arrows) that
    /// comes from elsewhere, so the frame is pure ASCII whatever its source.
    public mutating func foldToASCII() {
        for y in 0..<height {
            for x in 0..<width {
                let c = self[x, y]
                if !c.character.isASCII { self[x, y] = Cell(Buffer.asciiStandIn(c.character), style: c.style) }
            }
        }
    }

    /// The ASCII character drawn for a non-ASCII one.
    public static func asciiStandIn(_ ch: Character) -> Character {
        if let digit = "₀₁₂₃₄₅₆₇₈₉".firstIndex(of: ch) {
            return Character(String("₀₁₂₃₄₅₆₇₈₉".distance(from: "₀₁₂₃₄₅₆₇₈₉".startIndex, to: digit)))
        }
        switch ch {
        case "→", "►", "▶": return ">"
        case "←", "◄", "◀": return "<"
        case "↑", "▲": return "^"
        case "↓", "▼": return "v"
        case "−", "–", "—", "─", "━": return "-"
        case "│", "┃": return "|"
        case "┌", "┐", "└", "┘", "├", "┤", "┬", "┴", "┼": return "+"
        case "σ": return "s"
        case "⊙", "×", "·", "•": return "*"
        case "⊕": return "+"
        case "≠": return "#"
        case "≤": return "<"
        case "≥": return ">"
        case "✓": return "v"
        case "◐": return "~"
        case "…": return "."
        case "░": return "."
        case "▒": return ":"
        case "▓": return "*"
        default:
            if let v = ch.unicodeScalars.first?.value {
                if (0x2580...0x259F).contains(v) { return "#" }   // block elements
                if (0x2800...0x28FF).contains(v) { return v == 0x2800 ? " " : "*" } // braille
            }
            return "?"
        }
    }
}
