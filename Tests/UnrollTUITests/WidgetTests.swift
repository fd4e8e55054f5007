import Testing
@testable import UnrollTUI

@Suite struct WidgetTests {
    private struct Fill: Widget {
        var ch: Character
        func render(into buffer: inout Buffer, area: Rect, glyphs: Glyphs) {
            buffer.fill(area, with: Cell(ch))
        }
    }

    @Test func renderDefaultsToTheWholeBuffer() {
        var buffer = Buffer(width: 3, height: 2)
        buffer.render(Fill(ch: "#"), glyphs: .ascii)
        #expect(buffer.text == "###\n###")
    }

    @Test func renderIntoAnArea() {
        var buffer = Buffer(width: 4, height: 3)
        buffer.render(Fill(ch: "#"), in: Rect(x: 1, y: 1, width: 2, height: 1), glyphs: .ascii)
        #expect(buffer.lines == ["    ", " ## ", "    "])
    }

    @Test func clippedToBufferDropsTheOverhang() {
        let buffer = Buffer(width: 10, height: 5)
        #expect(Rect(x: 8, y: 3, width: 5, height: 5).clipped(to: buffer) == Rect(x: 8, y: 3, width: 2, height: 2))
        #expect(Rect(x: 20, y: 0, width: 5, height: 5).clipped(to: buffer).isEmpty)
    }
}
