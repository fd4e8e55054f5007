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
}
