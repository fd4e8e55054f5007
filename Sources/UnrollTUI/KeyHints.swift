/// A footer row of key hints, `←/→ step  space play  c clamp  ? help  q quit`, cut to fit.
///
/// Keys are drawn in `.accent` (bold), actions in `.muted`, two spaces between hints. When not
/// all hints fit, whole hints are dropped — non-essential ones from the end first — and the
/// essential ones (such as quit and help) stay. In ASCII the arrows ← → ↑ ↓ become < > ^ v.
public struct KeyHints: Widget, Equatable, Sendable {
    /// One key and what it does.
    public struct Hint: Equatable, Sendable {
        public var key: String
        public var action: String
        /// Kept when space runs out (dropped only if even the essential hints do not fit).
        public var essential: Bool

        public init(_ key: String, _ action: String, essential: Bool = false) {
            self.key = key
            self.action = action
            self.essential = essential
        }

        var width: Int { key.count + 1 + action.count }
    }

    public var hints: [Hint]

    public init(_ hints: [Hint]) { self.hints = hints }

    /// Hints from (key, action) pairs; the last `essentialCount` are essential.
    public init(_ pairs: [(String, String)], essentialCount: Int = 0) {
        let cut = pairs.count - Swift.max(0, essentialCount)
        self.hints = pairs.enumerated().map { Hint($0.element.0, $0.element.1, essential: $0.offset >= cut) }
    }

    static let gap = 2

    /// The indices of the hints shown in `width` columns.
    func shown(width: Int) -> [Int] {
        var keep = Array(hints.indices)
        func total(_ ids: [Int]) -> Int { ids.reduce(0) { $0 + hints[$1].width } + KeyHints.gap * Swift.max(0, ids.count - 1) }
        while total(keep) > width, let drop = keep.lastIndex(where: { !hints[$0].essential }) { keep.remove(at: drop) }
        while total(keep) > width && !keep.isEmpty { keep.removeLast() }
        return keep
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        var x = area.x
        let y = area.y
        for (n, i) in shown(width: area.width).enumerated() {
            if n > 0 { x += KeyHints.gap }
            let hint = hints[i]
            for ch in hint.key {
                buffer.put(KeyHints.keyGlyph(ch, glyphs), x: x, y: y, style: Style(.accent, bold: true), clip: clip)
                x += 1
            }
            x = buffer.put(" " + hint.action, x: x, y: y, style: Style(.muted), clip: clip)
        }
    }

    static func keyGlyph(_ ch: Character, _ glyphs: Glyphs) -> Character {
        guard !glyphs.unicode else { return ch }
        switch ch {
        case "←": return "<"
        case "→": return ">"
        case "↑": return "^"
        case "↓": return "v"
        default: return ch
        }
    }
}
