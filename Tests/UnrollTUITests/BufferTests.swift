import Testing
@testable import UnrollTUI

@Suite struct BufferTests {
    @Test func putClipsAtEdgesAndReportsTheNextColumn() {
        var b = Buffer(width: 5, height: 2)
        #expect(b.put("hello world", x: 2, y: 0) == 13)
        #expect(b.lines == ["  hel", "     "])
        b.put("xy", x: -1, y: 1)
        #expect(b.lines[1] == "y    ")
        b.put("zz", x: 0, y: 5)
        #expect(b.lines[1] == "y    ")
    }

    @Test func diffReportsOnlyChangedCells() {
        var a = Buffer(width: 4, height: 2)
        a.put("ab", x: 0, y: 0)
        var b = a
        b.put("c", x: 3, y: 1)
        let changes = b.diff(from: a)
        #expect(changes == [Buffer.Change(x: 3, y: 1, cell: Cell("c"))])
        #expect(b.diff(from: nil).count == 8)
        #expect(b.diff(from: Buffer(width: 3, height: 2)).count == 8, "a size change redraws everything")
    }

    @Test func wideCharactersBecomePlaceholders() {
        var b = Buffer(width: 3, height: 1)
        b.put("中😀a", x: 0, y: 0)
        #expect(b.lines == ["??a"])
    }

    @Test func rectIntersectionAndInset() {
        let r = Rect(x: 2, y: 2, width: 10, height: 4)
        #expect(r.intersection(Rect(x: 0, y: 0, width: 5, height: 5)) == Rect(x: 2, y: 2, width: 3, height: 3))
        #expect(r.intersection(Rect(x: 20, y: 0, width: 5, height: 5)).isEmpty)
        #expect(r.inset(by: 1) == Rect(x: 3, y: 3, width: 8, height: 2))
        #expect(r.inset(by: 5).isEmpty)
    }

    /// Finding 10: a model name or lesson text with ESC, OSC 52, C1 CSI or a bidi override never
    /// reaches a cell as a control, so neither the curses screen nor `render --format ansi` sends it.
    @Test func controlSequencesFromTextNeverReachACell() {
        var b = Buffer(width: 40, height: 1)
        b.put("a\u{1B}]52;c;aGk=\u{07}b\u{1B}[2Jc\u{9B}31md\u{202E}e\r\nf\u{7F}", x: 0, y: 0)
        let scalars = b.cells.flatMap { $0.character.unicodeScalars }
        #expect(!scalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) || $0.value == 0x202E })
        #expect(b.lines[0].hasPrefix("a ]52;c;aGk= b [2Jc 31md e"))
        let ansi = AnsiEncoder.encode(b, palette: .color256)
        #expect(!ansi.contains("\u{1B}]") && !ansi.contains("\u{1B}[2J") && !ansi.contains("\u{07}"))
    }
}
