/// A number drawn large in block glyphs, five rows tall, readable from the back of a room.
///
/// ```
/// ███     ███ ███
/// █ █       █   █
/// █ █     ███ ███
/// █ █     █     █
/// ███  █  ███ ███
/// P(Doug) after saw
/// ```
///
/// Digits, `.`, `-`, `+`, `e` and `%` have glyphs (3 columns each, 1 apart); any other character
/// is drawn as a space. ASCII draws `#` for `█`. The label goes under the digits when a sixth row
/// is there. Text wider than the area is not drawn large (the label line says the number instead).
///
/// - Complexity: O(characters × 15).
public struct BigNumber: Widget, Equatable, Sendable {
    public var text: String
    public var label: String
    public var role: Role

    public init(_ text: String, label: String = "", role: Role = .accent) {
        self.text = text
        self.label = label
        self.role = role
    }

    /// Rows of the glyphs (the label takes one more).
    public static let glyphHeight = 5

    /// The 3×5 pattern of a character, row by row (`#` filled).
    static func pattern(_ c: Character) -> [String] {
        switch c {
        case "0": return ["###", "# #", "# #", "# #", "###"]
        case "1": return [" # ", "## ", " # ", " # ", "###"]
        case "2": return ["###", "  #", "###", "#  ", "###"]
        case "3": return ["###", "  #", "###", "  #", "###"]
        case "4": return ["# #", "# #", "###", "  #", "  #"]
        case "5": return ["###", "#  ", "###", "  #", "###"]
        case "6": return ["###", "#  ", "###", "# #", "###"]
        case "7": return ["###", "  #", "  #", "  #", "  #"]
        case "8": return ["###", "# #", "###", "# #", "###"]
        case "9": return ["###", "# #", "###", "  #", "###"]
        case ".": return ["   ", "   ", "   ", "   ", " # "]
        case "-", "−": return ["   ", "   ", "###", "   ", "   "]
        case "+": return ["   ", " # ", "###", " # ", "   "]
        case "e": return ["   ", "###", "# #", "## ", "###"]
        case "%": return ["# #", "  #", " # ", "#  ", "# #"]
        default: return ["   ", "   ", "   ", "   ", "   "]
        }
    }

    /// The columns the glyphs take.
    public var width: Int { text.isEmpty ? 0 : text.count * 4 - 1 }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let style = Style(role, bold: true)
        let large = width <= area.width && area.height >= BigNumber.glyphHeight
        if large {
            let fill: Character = glyphs.unicode ? "█" : "#"
            for (k, c) in text.enumerated() {
                for (row, line) in BigNumber.pattern(c).enumerated() {
                    for (col, p) in line.enumerated() where p == "#" {
                        buffer.glyph(fill, x: area.x + k * 4 + col, y: area.y + row, style: style, clip: clip)
                    }
                }
            }
        }
        let labelY = large ? area.y + BigNumber.glyphHeight : area.y
        guard labelY < area.maxY else { return }
        let line = large ? label : (label.isEmpty ? text : "\(label) = \(text)")
        buffer.put(line, x: area.x, y: labelY, style: large ? Style(.muted) : style, clip: clip, maxWidth: area.width)
    }
}
