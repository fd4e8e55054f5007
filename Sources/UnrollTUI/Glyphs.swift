/// The characters widgets draw with: Unicode when the locale is UTF-8, ASCII otherwise.
public struct Glyphs: Sendable, Equatable {
    public let unicode: Bool
    public let horizontal: Character
    public let vertical: Character
    public let topLeft: Character
    public let topRight: Character
    public let bottomLeft: Character
    public let bottomRight: Character
    /// Eight partial blocks, 1/8 … 8/8, for bars.
    public let blocks: [Character]
    /// Shades from empty to full for heat maps.
    public let shades: [Character]
    public let times: Character      // ⊙ or *
    public let plus: Character       // ⊕ or +
    public let sigma: Character      // σ or s
    public let arrowRight: Character
    public let cursor: Character
    public let check: Character
    public let partial: Character
    public let bullet: Character

    public static let utf8 = Glyphs(
        unicode: true, horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        blocks: ["▏", "▎", "▍", "▌", "▋", "▊", "▉", "█"], shades: [" ", "░", "▒", "▓", "█"],
        times: "⊙", plus: "⊕", sigma: "σ", arrowRight: "→", cursor: "▲", check: "✓", partial: "◐", bullet: "•")

    public static let ascii = Glyphs(
        unicode: false, horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        blocks: ["#", "#", "#", "#", "#", "#", "#", "#"], shades: [" ", ".", ":", "*", "#"],
        times: "*", plus: "+", sigma: "s", arrowRight: ">", cursor: "^", check: "v", partial: "~", bullet: "*")
}
