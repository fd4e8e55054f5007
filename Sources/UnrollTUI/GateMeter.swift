/// Meters for gate activations in 0…1, one row per unit: label, bar, value, clamp mark.
///
/// ```
///  f0 ███████▍·· 0.74
/// >f1 ██▏······· 0.21
///  f2 ========== 1.00 [clamped]
///  f3 ·········· 0.00 [clamped]
/// ```
///
/// The bar fills `value` of its track (1/8-cell resolution in UTF-8, whole `#` cells in
/// ASCII) in the `role` colour over a muted `·`/`.` track; values outside 0…1 are drawn
/// clipped but printed as they are. A clamped unit's bar is drawn with `=` in the `.clamped`
/// role (`=` over the filled part) and tagged `[clamped]` after the value when there is room,
/// or with a bare `=` after the value when there is not (the tag goes before the bar shrinks
/// below 4 cells). `offset` scrolls.
///
/// - Complexity: O(visible rows × width).
public struct GateMeter: Widget, Equatable, Sendable {
    /// One meter row.
    public struct Unit: Equatable, Sendable {
        public var label: String
        /// The gate's activation, normally in 0…1.
        public var value: Double
        public var clamped: Bool

        public init(_ label: String, _ value: Double, clamped: Bool = false) {
            self.label = label
            self.value = value
            self.clamped = clamped
        }
    }

    public var units: [Unit]
    /// The unit drawn in `.focus` with a `>` pointer.
    public var focus: Int?
    /// The colour of the filled part (`.gate` by default; `.memory` suits a cell state in 0…1).
    public var role: Role
    /// Label column width; nil for the longest label, at most a third of the area.
    public var labelWidth: Int?
    /// The first unit drawn (vertical scrolling).
    public var offset: Int

    public init(units: [Unit], focus: Int? = nil, role: Role = .gate, labelWidth: Int? = nil, offset: Int = 0) {
        self.units = units
        self.focus = focus
        self.role = role
        self.labelWidth = labelWidth
        self.offset = offset
    }

    /// Meters for `values`, labelled by `labels` (the index where a label is missing).
    public init(values: [Double], labels: [String] = [], clamped: Set<Int> = [], focus: Int? = nil, role: Role = .gate) {
        let units = values.indices.map { i in Unit(i < labels.count ? labels[i] : String(i), values[i], clamped: clamped.contains(i)) }
        self.init(units: units, focus: focus, role: role)
    }

    static let clampTag = "[clamped]"
    static let valueWidth = 4

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty, !units.isEmpty else { return }
        let pointerWidth = focus == nil ? 0 : 1
        let longest = units.reduce(0) { Swift.max($0, $1.label.count) }
        let lw = Swift.max(0, labelWidth ?? Swift.min(longest, Swift.max(1, area.width / 3)))
        let barX = area.x + pointerWidth + lw + (lw > 0 ? 1 : 0)
        let anyClamped = units.contains { $0.clamped }
        // bar, space, value, then " [clamped]" if some unit is clamped and the bar keeps 4 cells.
        var barWidth = area.maxX - barX - 1 - GateMeter.valueWidth
        let tagWidth = GateMeter.clampTag.count + 1
        let showTag = anyClamped && barWidth - tagWidth >= 4
        if showTag { barWidth -= tagWidth } else if anyClamped { barWidth -= 1 }
        let first = Swift.max(0, offset)
        for row in 0..<area.height {
            let index = first + row
            guard index < units.count else { break }
            let unit = units[index]
            let y = area.y + row
            let focused = index == focus
            if focused { buffer.glyph(glyphs.pointer, x: area.x, y: y, style: Style(.focus), clip: clip) }
            if lw > 0 {
                buffer.put(Text.truncated(unit.label, to: lw, ellipsis: glyphs.ellipsis), x: area.x + pointerWidth, y: y, style: Style(focused ? .focus : .text), clip: clip)
            }
            var valueX = barX
            if barWidth > 0 {
                drawBar(unit, x: barX, y: y, width: barWidth, into: &buffer, clip: clip, glyphs: glyphs)
                valueX = barX + barWidth + 1
            }
            let valueStyle = unit.clamped ? Style(.clamped, bold: true) : unit.value.isNaN ? Style(.warning) : Style(.text)
            let end = buffer.glyphs(Text.padLeft(NumberFormat.compact(unit.value, width: GateMeter.valueWidth), to: GateMeter.valueWidth), x: valueX, y: y, style: valueStyle, clip: clip)
            if unit.clamped {
                if showTag {
                    buffer.put(GateMeter.clampTag, x: end + 1, y: y, style: Style(.clamped, bold: true), clip: clip)
                } else {
                    buffer.put("=", x: end, y: y, style: Style(.clamped, bold: true), clip: clip)
                }
            }
        }
    }

    private func drawBar(_ unit: Unit, x: Int, y: Int, width: Int, into buffer: inout Buffer, clip: Rect, glyphs: Glyphs) {
        let v = unit.value.isNaN ? 0 : Swift.min(1, Swift.max(0, unit.value))
        let fillStyle = Style(unit.clamped ? .clamped : role)
        let trackStyle = Style(.muted)
        if unit.clamped {
            // A clamped gate is pinned: `=` over the filled part, the track in the clamp colour.
            let filled = ScaleMath.roundedInt(v * Double(width))
            for i in 0..<width {
                buffer.glyph(i < filled ? "=" : glyphs.track, x: x + i, y: y, style: fillStyle, clip: clip)
            }
            return
        }
        var eighths = ScaleMath.roundedInt(v * Double(width) * 8)
        if !glyphs.unicode { eighths = ScaleMath.roundedInt(v * Double(width)) * 8 }
        let full = eighths / 8
        let rest = eighths % 8
        for i in 0..<width {
            if i < full {
                buffer.glyph(glyphs.blocks[7], x: x + i, y: y, style: fillStyle, clip: clip)
            } else if i == full && rest > 0 {
                buffer.glyph(glyphs.blocks[rest - 1], x: x + i, y: y, style: fillStyle, clip: clip)
            } else {
                buffer.glyph(glyphs.track, x: x + i, y: y, style: trackStyle, clip: clip)
            }
        }
    }
}
