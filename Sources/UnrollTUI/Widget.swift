/// Something that draws into a `Buffer` inside a `Rect` (the ratatui shape).
///
/// A widget is a value holding plain data (numbers, labels); `render` clips everything it
/// draws to `area` and never touches a cell outside it, whatever the sizes involved — a zero
/// or one-cell area draws nothing or as much as fits, and never traps.
///
/// ```swift
/// var buffer = Buffer(width: 40, height: 3)
/// ProgressBar(fraction: 0.5, label: "epoch").render(into: &buffer, area: buffer.area, glyphs: .ascii)
/// ```
public protocol Widget {
    /// Draws the widget into `buffer`, clipped to `area`.
    func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs)
}

extension Buffer {
    /// Draws `widget` clipped to `area` (the whole buffer when nil).
    public mutating func render(_ widget: some Widget, in area: Rect? = nil, glyphs: Glyphs) {
        widget.render(into: &self, area: area ?? self.area, glyphs: glyphs)
    }
}

extension Rect {
    /// The part of this rectangle that lies inside `buffer`: the only cells a widget may write.
    func clipped(to buffer: Buffer) -> Rect { intersection(buffer.area) }
}
