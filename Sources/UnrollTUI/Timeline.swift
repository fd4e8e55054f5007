/// The unrolled sequence along time: `t=1 Jane → t=2 saw → …`, the current step marked below.
///
/// ```
/// < t=2 saw → t=3 Spot. → t=4 Doug → t=5 saw >
///             ▲▲▲▲▲▲▲▲▲
///             clamp       0.42
/// ```
///
/// Row 0 holds the steps, each `t=<n> <token>`, joined by arrows (the recurrence). Row 1 marks
/// the current step with `glyphs.cursor` under its whole slot (which is drawn in `.focus`);
/// row 2 holds the per-step marks (a clamp, a target, a loss value), each cut to its slot.
/// When the sequence is wider than the area it scrolls to keep the current step near the
/// middle, with `<` / `>` showing that steps are hidden on that side. `step(atColumn:area:)`
/// maps a mouse column back to a step with exactly the same layout.
///
/// - Complexity: O(steps).
public struct Timeline: Widget, Equatable, Sendable {
    /// One time step.
    public struct Step: Equatable, Sendable {
        public var token: String
        /// A short note shown under the step (e.g. `clamp`, `→ Doug`, `0.42`).
        public var mark: String?
        public var markRole: Role

        public init(_ token: String, mark: String? = nil, markRole: Role = .muted) {
            self.token = token
            self.mark = mark
            self.markRole = markRole
        }
    }

    public var steps: [Step]
    /// The highlighted step (0-based index into `steps`).
    public var current: Int?
    /// The t shown for the first step (1 by default, as in the lessons).
    public var firstT: Int
    /// The first step drawn; nil to scroll automatically around `current`.
    public var firstVisible: Int?

    public init(steps: [Step], current: Int? = nil, firstT: Int = 1, firstVisible: Int? = nil) {
        self.steps = steps
        self.current = current
        self.firstT = firstT
        self.firstVisible = firstVisible
    }

    /// A timeline of `tokens` with no marks.
    public init(tokens: [String], current: Int? = nil, firstT: Int = 1) {
        self.init(steps: tokens.map { Step($0) }, current: current, firstT: firstT)
    }

    /// The step whose slot covers screen column `column` when drawn in `area`, if any.
    public func step(atColumn column: Int, area: Rect) -> Int? {
        guard column >= area.x && column < area.maxX else { return nil }
        return layout(in: area).slots.first { column >= $0.x && column < $0.x + $0.width }?.index
    }

    /// The text of step `i`'s slot.
    func slotText(_ i: Int) -> String { "t=" + String(firstT + i) + " " + steps[i].token }

    /// A slot on screen.
    struct Slot: Equatable {
        var index: Int
        var x: Int
        var width: Int
    }

    /// The visible slots and whether steps are hidden on either side.
    func layout(in area: Rect) -> (slots: [Slot], hiddenLeft: Bool, hiddenRight: Bool) {
        guard area.width > 0, !steps.isEmpty else { return ([], false, false) }
        let widths = steps.indices.map { slotText($0).count }
        let gap = Timeline.separatorWidth
        let total = widths.reduce(0, +) + gap * (widths.count - 1)
        if total <= area.width { return (place(from: 0, widths: widths, area: area), false, false) }
        var first: Int
        if let firstVisible {
            first = Swift.max(0, Swift.min(firstVisible, steps.count - 1))
        } else if let current, current >= 0, current < steps.count {
            // Natural positions; scroll so the current slot's centre sits near the area's centre.
            var position = [Int](repeating: 0, count: widths.count)
            for i in 1..<widths.count { position[i] = position[i - 1] + widths[i - 1] + gap }
            let wanted = position[current] + widths[current] / 2 - area.width / 2
            first = position.firstIndex { $0 >= wanted } ?? current
            first = Swift.min(first, current)
            // Never scroll past the point where the tail already fits.
            var tail = 2 + widths[widths.count - 1], lastFirst = widths.count - 1
            while lastFirst > 0 && tail + gap + widths[lastFirst - 1] <= area.width {
                lastFirst -= 1
                tail += gap + widths[lastFirst]
            }
            first = Swift.min(first, lastFirst)
            while first < current && !place(from: first, widths: widths, area: area).contains(where: { $0.index == current }) { first += 1 }
        } else {
            first = 0
        }
        let slots = place(from: first, widths: widths, area: area)
        let hiddenRight = (slots.last?.index ?? first - 1) < steps.count - 1
        return (slots, first > 0, hiddenRight)
    }

    static let separatorWidth = 3

    /// Slots from step `first` that fit whole, leaving 2 columns for each scroll indicator needed.
    private func place(from first: Int, widths: [Int], area: Rect) -> [Slot] {
        let left = area.x + (first > 0 ? 2 : 0)
        var slots: [Slot] = []
        var x = left
        var i = first
        while i < widths.count {
            let end = x + widths[i]
            // The last step needs no room for a right indicator.
            let limit = i == widths.count - 1 ? area.maxX : area.maxX - 2
            if end > limit { break }
            slots.append(Slot(index: i, x: x, width: widths[i]))
            x = end + Timeline.separatorWidth
            i += 1
        }
        // A single slot wider than the area is still shown, cut.
        if slots.isEmpty && first < widths.count { slots.append(Slot(index: first, x: left, width: Swift.min(widths[first], Swift.max(0, area.maxX - left)))) }
        return slots
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let (slots, hiddenLeft, hiddenRight) = layout(in: area)
        let y = area.y
        if hiddenLeft { buffer.put("<", x: area.x, y: y, style: Style(.muted), clip: clip) }
        if hiddenRight { buffer.put(">", x: area.maxX - 1, y: y, style: Style(.muted), clip: clip) }
        for (n, slot) in slots.enumerated() {
            let i = slot.index
            let isCurrent = i == current
            let tLabel = "t=" + String(firstT + i)
            let limit = Rect(x: slot.x, y: area.y, width: slot.width, height: area.height).intersection(clip)
            let after = buffer.put(tLabel, x: slot.x, y: y, style: isCurrent ? Style(.focus, bold: true) : Style(.muted), clip: limit)
            buffer.put(" " + steps[i].token, x: after, y: y, style: isCurrent ? Style(.focus, bold: true) : Style(.text), clip: limit)
            if n + 1 < slots.count {
                buffer.glyph(glyphs.arrowRight, x: slot.x + slot.width + 1, y: y, style: Style(.muted), clip: clip)
            }
            if isCurrent && area.height >= 2 {
                for dx in 0..<slot.width { buffer.glyph(glyphs.cursor, x: slot.x + dx, y: y + 1, style: Style(.focus), clip: limit) }
            }
            if area.height >= 3, let mark = steps[i].mark, !mark.isEmpty {
                let text = Text.truncated(mark, to: slot.width + Timeline.separatorWidth - 1, ellipsis: glyphs.ellipsis)
                buffer.put(text, x: slot.x, y: y + 2, style: Style(steps[i].markRole), clip: clip)
            }
        }
    }
}
