import Testing
@testable import UnrollTUI

@Suite struct BlockTests {
    @Test func borderWithTitleInUTF8() {
        #expect(text(Block(title: "Hidden"), width: 14, height: 3) == block(
            "┌ Hidden ────┐",
            "│            │",
            "└────────────┘"))
    }

    @Test func borderWithTitleInASCII() {
        #expect(text(Block(title: "Hidden"), width: 12, height: 3, glyphs: .ascii) == block(
            "+ Hidden --+",
            "|          |",
            "+----------+"))
    }

    @Test func longTitlesAreCut() {
        #expect(text(Block(title: "Hidden state over time"), width: 12, height: 2, glyphs: .ascii) == block(
            "+ Hidden ~ +",
            "+----------+"))
    }

    @Test func innerIsInsideTheBorder() {
        let b = Block()
        #expect(b.inner(Rect(x: 1, y: 2, width: 10, height: 5)) == Rect(x: 2, y: 3, width: 8, height: 3))
        #expect(b.inner(Rect(x: 1, y: 2, width: 1, height: 5)).isEmpty)
        #expect(b.inner(Rect(x: 1, y: 2, width: 2, height: 2)).isEmpty)
    }

    @Test func stylesTitleAndBorder() {
        let buffer = draw(Block(title: "T"), width: 7, height: 2)
        #expect(buffer[2, 0].style.role == .title)
        #expect(buffer[0, 0].style.role == .muted)
        let focused = draw(Block(title: "T", focused: true), width: 7, height: 2)
        #expect(focused[0, 0].style.role == .focus && focused[6, 1].style.role == .focus)
    }

    @Test func tooSmallDrawsNothing() {
        #expect(text(Block(title: "x"), width: 1, height: 5) == block("", "", "", "", ""))
        #expect(text(Block(), width: 5, height: 1) == "")
        #expect(text(Block(), width: 2, height: 2) == block("┌┐", "└┘"))
    }
}
