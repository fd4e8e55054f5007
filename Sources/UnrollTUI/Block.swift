/// A bordered box with an optional title in its top edge; `inner(_:)` is the space inside.
///
/// ```swift
/// let block = Block(title: "Hidden state")
/// block.render(into: &buffer, area: area, glyphs: glyphs)   // ┌ Hidden state ──┐ …
/// VectorBars(values: h).render(into: &buffer, area: block.inner(area), glyphs: glyphs)
/// ```
///
/// An area narrower or shorter than 2 cells has no room for a border: nothing is drawn and
/// the inner rectangle is empty.
public struct Block: Equatable, Sendable, Widget {
    /// Shown in the top border after the corner, truncated to fit.
    public var title: String?
    public var titleStyle: Style
    public var borderStyle: Style
    /// Draws the whole border in the `.focus` role (the title keeps its own style).
    public var focused: Bool

    public init(title: String? = nil, titleStyle: Style = Style(.title, bold: true), borderStyle: Style = Style(.muted), focused: Bool = false) {
        self.title = title
        self.titleStyle = titleStyle
        self.borderStyle = borderStyle
        self.focused = focused
    }

    /// The space inside the border.
    public func inner(_ area: Rect) -> Rect {
        guard area.width >= 2 && area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        return area.inset(by: 1)
    }

    public func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
        let a = area.clipped(to: buffer)
        guard area.width >= 2 && area.height >= 2 && !a.isEmpty else { return }
        let style = focused ? Style(.focus) : borderStyle
        let top = area.y, bottom = area.maxY - 1, left = area.x, right = area.maxX - 1
        for x in (left + 1)..<right {
            buffer.glyph(glyphs.horizontal, x: x, y: top, style: style, clip: a)
            buffer.glyph(glyphs.horizontal, x: x, y: bottom, style: style, clip: a)
        }
        if area.height > 2 {
            for y in (top + 1)..<bottom {
                buffer.glyph(glyphs.vertical, x: left, y: y, style: style, clip: a)
                buffer.glyph(glyphs.vertical, x: right, y: y, style: style, clip: a)
            }
        }
        buffer.glyph(glyphs.topLeft, x: left, y: top, style: style, clip: a)
        buffer.glyph(glyphs.topRight, x: right, y: top, style: style, clip: a)
        buffer.glyph(glyphs.bottomLeft, x: left, y: bottom, style: style, clip: a)
        buffer.glyph(glyphs.bottomRight, x: right, y: bottom, style: style, clip: a)
        if let title, !title.isEmpty, area.width >= 5 {
            // "┌ title ┐": one space either side, at least one border cell before the corner.
            let room = area.width - 4
            let end = buffer.put(" ", x: left + 1, y: top, style: style, clip: a)
            let after = buffer.put(Text.truncated(title, to: room, ellipsis: glyphs.ellipsis), x: end, y: top, style: titleStyle, clip: a)
            buffer.put(" ", x: after, y: top, style: style, clip: a)
        }
    }
}
