/// A vector drawn as signed horizontal bars, one row per element, growing from a centre axis.
///
/// ```
///  Jane  +0.93      │███████▍
///  saw   -0.41   ███│
/// >Spot  +0.05      │▍
///  Doug  -1.00 █████│           (= marks a clamped element)
/// ```
///
/// Each row is: a focus pointer column (only when `focus` is set), the label, the value, a
/// clamp-mark column (only when some element is clamped), then the bar area. Negative values
/// grow left of the axis in the `.negative` role, positive ones right in `.positive`. In UTF-8
/// the positive side has 1/8-cell resolution (`glyphs.blocks`); the negative side uses the
/// right-anchored `▕` and `▐`, so about 1/2-cell resolution; ASCII draws whole `#` cells.
/// Rows beyond the area's height are not drawn; `offset` scrolls. With `fromZero` (probabilities)
/// the bars grow from a left axis over the whole bar width instead.
///
/// - Complexity: O(visible rows × width).
public struct VectorBars: Widget, Equatable, Sendable {
    /// One row: a label (vocabulary word, hidden unit name or index), its value and whether it is clamped.
    public struct Element: Equatable, Sendable {
        public var label: String
        public var value: Double
        public var clamped: Bool

        public init(_ label: String, _ value: Double, clamped: Bool = false) {
            self.label = label
            self.value = value
            self.clamped = clamped
        }
    }

    public var elements: [Element]
    /// The |value| drawn as a full half-width bar; nil for the largest |value| (1 when all are 0).
    public var scale: Double?
    /// The element drawn in the `.focus` role with a `>` pointer.
    public var focus: Int?
    /// The first element drawn (vertical scrolling).
    public var offset: Int
    /// Label column width; nil for the longest label, at most a third of the area.
    public var labelWidth: Int?
    /// Value column width (see `NumberFormat.signed`).
    public var valueWidth: Int
    /// Bars grow from zero at the left over the whole bar width (probabilities, norms): no
    /// centre axis, a value equal to the scale fills the bar.
    public var fromZero: Bool = false

    public init(elements: [Element], scale: Double? = nil, focus: Int? = nil, offset: Int = 0, labelWidth: Int? = nil, valueWidth: Int = 5) {
        self.elements = elements
        self.scale = scale
        self.focus = focus
        self.offset = offset
        self.labelWidth = labelWidth
        self.valueWidth = valueWidth
    }

    /// Bars for `values`, labelled by `labels` (the index where a label is missing).
    public init(values: [Double], labels: [String] = [], clamped: Set<Int> = [], scale: Double? = nil, focus: Int? = nil, offset: Int = 0) {
        let elements = values.indices.map { i in
            Element(i < labels.count ? labels[i] : String(i), values[i], clamped: clamped.contains(i))
        }
        self.init(elements: elements, scale: scale, focus: focus, offset: offset)
    }

    /// The scale actually used: `scale` if positive and finite, else the largest finite |value| (or 1).
    public var resolvedScale: Double {
        if let scale, scale > 0, scale.isFinite { return scale }
        var m = 0.0
        for e in elements where e.value.isFinite { m = Swift.max(m, Swift.abs(e.value)) }
        return m > 0 ? m : 1
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty, !elements.isEmpty else { return }
        let scale = resolvedScale
        let pointerWidth = focus == nil ? 0 : 1
        let markWidth = elements.contains { $0.clamped } ? 1 : 0
        let longest = elements.reduce(0) { Swift.max($0, $1.label.count) }
        let lw = Swift.max(0, labelWidth ?? Swift.min(longest, Swift.max(1, area.width / 3)))
        let valueX = area.x + pointerWidth + lw + (lw > 0 ? 1 : 0)
        let barX = valueX + valueWidth + markWidth + 1
        let barWidth = area.maxX - barX
        let first = Swift.max(0, offset)
        for row in 0..<area.height {
            let index = first + row
            guard index < elements.count else { break }
            let element = elements[index]
            let y = area.y + row
            let focused = index == focus
            if focused { buffer.glyph(glyphs.pointer, x: area.x, y: y, style: Style(.focus), clip: clip) }
            if lw > 0 {
                let label = Text.truncated(element.label, to: lw, ellipsis: glyphs.ellipsis)
                buffer.put(label, x: area.x + pointerWidth, y: y, style: focused ? Style(.focus) : Style(.text), clip: clip)
            }
            let v = element.value
            let valueStyle: Style = element.clamped ? Style(.clamped, bold: true)
                : !v.isFinite ? Style(.warning) : v > 0 ? Style(.positive) : v < 0 ? Style(.negative) : Style(.muted)
            buffer.glyphs(Text.padLeft(NumberFormat.signed(v, width: valueWidth), to: valueWidth), x: valueX, y: y, style: valueStyle, clip: clip)
            if element.clamped { buffer.glyph("=", x: valueX + valueWidth, y: y, style: Style(.clamped, bold: true), clip: clip) }
            if barWidth >= 3 {
                if fromZero {
                    VectorBars.drawBarFromZero(v, scale: scale, x: barX, y: y, width: barWidth, into: &buffer, clip: clip, glyphs: glyphs)
                } else {
                    VectorBars.drawBar(v, scale: scale, x: barX, y: y, width: barWidth, into: &buffer, clip: clip, glyphs: glyphs)
                }
            }
        }
    }

    /// Draws one bar from zero at `x` over `width` cells (an axis mark first), 1/8-cell resolution in UTF-8.
    static func drawBarFromZero(_ v: Double, scale: Double, x: Int, y: Int, width: Int, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        buffer.glyph(glyphs.vertical, x: x, y: y, style: Style(.muted), clip: clip)
        let cells = width - 1
        guard !v.isNaN, v > 0, cells > 0 else { return }
        let ratio = Swift.min(1, v / scale)
        let style = Style(.positive)
        let eighths = glyphs.unicode ? ScaleMath.roundedInt(ratio * Double(cells) * 8) : ScaleMath.roundedInt(ratio * Double(cells)) * 8
        for i in 0..<(eighths / 8) { buffer.glyph(glyphs.blocks[7], x: x + 1 + i, y: y, style: style, clip: clip) }
        if eighths % 8 > 0 { buffer.glyph(glyphs.blocks[eighths % 8 - 1], x: x + 1 + eighths / 8, y: y, style: style, clip: clip) }
    }

    /// Draws one signed bar of `width` cells (axis in the middle) at (x, y).
    static func drawBar(_ v: Double, scale: Double, x: Int, y: Int, width: Int, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        let half = (width - 1) / 2
        let axis = x + half
        buffer.glyph(glyphs.vertical, x: axis, y: y, style: Style(.muted), clip: clip)
        guard !v.isNaN, v != 0, half > 0 else { return }
        let ratio = Swift.min(1, Swift.abs(v) / scale)
        let positive = v > 0
        let style = Style(positive ? .positive : .negative)
        if !glyphs.unicode {
            let cells = ScaleMath.roundedInt(ratio * Double(half))
            for i in 0..<cells {
                buffer.glyph(glyphs.blocks[7], x: positive ? axis + 1 + i : axis - 1 - i, y: y, style: style, clip: clip)
            }
            return
        }
        let eighths = ScaleMath.roundedInt(ratio * Double(half) * 8)
        let full = eighths / 8
        let rest = eighths % 8
        for i in 0..<full {
            buffer.glyph(glyphs.blocks[7], x: positive ? axis + 1 + i : axis - 1 - i, y: y, style: style, clip: clip)
        }
        guard rest > 0 else { return }
        if positive {
            buffer.glyph(glyphs.blocks[rest - 1], x: axis + 1 + full, y: y, style: style, clip: clip)
        } else {
            // Only ▕ (1/8) and ▐ (1/2) are anchored to the right edge of a cell.
            let partial: Character = rest <= 2 ? "▕" : rest <= 5 ? "▐" : glyphs.blocks[7]
            buffer.glyph(partial, x: axis - 1 - full, y: y, style: style, clip: clip)
        }
    }
}
