/// A one-row progress bar: label, bar filled to a fraction, percentage.
///
/// ```
/// training [████████▍░░░░░░] 56%
/// ```
///
/// The fill has 1/8-cell resolution in UTF-8 (`glyphs.blocks`) and whole `#` cells in ASCII,
/// over a `glyphs.shades[1]` track; the fraction is clamped to 0…1 (nan counts as 0). The label
/// is cut before the bar shrinks below 4 cells; the percentage is dropped last.
public struct ProgressBar: Widget, Equatable, Sendable {
    public var fraction: Double
    public var label: String
    public var role: Role
    public var showPercent: Bool

    public init(fraction: Double, label: String = "", role: Role = .positive, showPercent: Bool = true) {
        self.fraction = fraction
        self.label = label
        self.role = role
        self.showPercent = showPercent
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let clip = area.clipped(to: buffer)
        guard !clip.isEmpty else { return }
        let f = fraction.isNaN ? 0 : Swift.min(1, Swift.max(0, fraction))
        let y = area.y
        let percent = showPercent ? " " + NumberFormat.percent(f) : ""
        var percentWidth = percent.count
        var labelWidth = label.isEmpty ? 0 : label.count + 1
        // bar = area − label − brackets − percent; shrink the label, then drop the percentage.
        if area.width - labelWidth - 2 - percentWidth < 4 { labelWidth = Swift.max(0, area.width - 2 - percentWidth - 4) }
        if area.width - labelWidth - 2 - percentWidth < 1 { percentWidth = 0 }
        var x = area.x
        if labelWidth > 1 {
            buffer.put(Text.truncated(label, to: labelWidth - 1, ellipsis: glyphs.ellipsis), x: x, y: y, style: Style(.text), clip: clip)
            x += labelWidth
        }
        let barWidth = area.maxX - x - 2 - percentWidth
        guard barWidth >= 1 else {
            if percentWidth > 0 { buffer.put(String(percent.dropFirst()), x: x, y: y, style: Style(.text), clip: clip) }
            return
        }
        buffer.put("[", x: x, y: y, style: Style(.muted), clip: clip)
        let eighths = glyphs.unicode ? ScaleMath.roundedInt(f * Double(barWidth) * 8) : ScaleMath.roundedInt(f * Double(barWidth)) * 8
        let full = eighths / 8, rest = eighths % 8
        let track = glyphs.shades.count > 1 ? glyphs.shades[1] : " "
        for i in 0..<barWidth {
            let cx = x + 1 + i
            if i < full {
                buffer.glyph(glyphs.blocks[7], x: cx, y: y, style: Style(role), clip: clip)
            } else if i == full && rest > 0 {
                buffer.glyph(glyphs.blocks[rest - 1], x: cx, y: y, style: Style(role), clip: clip)
            } else {
                buffer.glyph(track, x: cx, y: y, style: Style(.muted), clip: clip)
            }
        }
        buffer.put("]", x: x + 1 + barWidth, y: y, style: Style(.muted), clip: clip)
        if percentWidth > 0 { buffer.put(percent, x: x + 2 + barWidth, y: y, style: Style(.text), clip: clip) }
    }
}
