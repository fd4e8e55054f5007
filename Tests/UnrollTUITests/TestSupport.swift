import Testing
@testable import UnrollTUI

/// Renders `widget` into a fresh `width` × `height` buffer (the whole buffer is the area).
func draw(_ widget: some Widget, width: Int, height: Int, glyphs: Glyphs = .utf8) -> Buffer {
    var buffer = Buffer(width: width, height: height)
    buffer.render(widget, glyphs: glyphs)
    return buffer
}

/// The text of `widget` drawn at `width` × `height`.
func text(_ widget: some Widget, width: Int, height: Int, glyphs: Glyphs = .utf8) -> String {
    draw(widget, width: width, height: height, glyphs: glyphs).text
}

/// The sentinel that must survive outside a widget's area.
let sentinel = Cell("@", style: Style(.warning, reverse: true))

/// Renders `widget` into `area` of a larger buffer pre-filled with `sentinel`; returns the cells
/// outside `area` that changed (empty when the widget stayed inside).
func writesOutside(_ widget: some Widget, area: Rect, glyphs: Glyphs) -> [(Int, Int)] {
    var buffer = Buffer(width: area.maxX + 6, height: area.maxY + 6, fill: sentinel)
    widget.render(into: &buffer, area: area, glyphs: glyphs)
    var out: [(Int, Int)] = []
    for y in 0..<buffer.height {
        for x in 0..<buffer.width where !area.contains(x: x, y: y) && buffer[x, y] != sentinel {
            out.append((x, y))
        }
    }
    return out
}

/// `lines` joined the way `Buffer.text` joins rows.
func block(_ lines: String...) -> String { lines.joined(separator: "\n") }
