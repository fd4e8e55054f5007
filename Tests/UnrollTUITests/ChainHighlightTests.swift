import Testing
@testable import UnrollTUI

/// The chain points at an explanation's sources, readable without colour: heavy arrows, `▸` rows
/// with their units reversed, `▸token◂`.
@Suite struct ChainHighlightTests {
    /// Columns of `row` holding `ch`.
    static func columns(_ buffer: Buffer, row: Int, _ ch: Character) -> [Int] {
        (0..<buffer.width).filter { buffer[$0, row].character == ch }
    }

    @Test func theHArrowIntoTheCursorAndThePreviousHRowAreMarked() throws {
        let marks = ChainHighlight([.arrow(into: 3, row: .hidden), .state(step: 2, row: .hidden, unit: nil)])
        let plain = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3), width: 80, height: 8)
        let marked = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3, highlight: marks), width: 80, height: 8)
        // Row 2 is the boxes' h row (prediction row, top border, then h), row 3 the c row.
        #expect(Self.columns(plain, row: 2, "━").isEmpty)
        let heavy = Self.columns(marked, row: 2, "━")
        #expect(!heavy.isEmpty, "the h arrow into the cursor is heavy:\n\(marked.text)")
        let cursorLeft = try #require(Self.columns(marked, row: 1, "┏").first)
        #expect(heavy.allSatisfy { $0 < cursorLeft } && heavy.last.map { marked[$0 + 1, 2].character } == "▶",
                "the heavy arrow ends at the cursor's box")
        #expect(Self.columns(marked, row: 3, "≡").isEmpty, "the c arrow is not marked")
        // The previous box's h row: ▸ on its left border, every unit reversed; the other boxes' rows are not.
        let h = Self.columns(marked, row: 2, "▸")
        #expect(h.count == 1 && h[0] < heavy[0], "one marked row, before the arrow")
        #expect(plain[h[0], 2].character == "│" && marked[h[0] + 1, 2].style.reverse && !plain[h[0] + 1, 2].style.reverse)
        #expect(Self.columns(marked, row: 3, "▸").isEmpty, "its c row is not marked")
        #expect(marked.lines[0] == plain.lines[0] && marked.lines[1] == plain.lines[1], "predictions and labels unchanged")
    }

    @Test func theCArrowAndTheTokenAreMarkedInUnicodeAndASCII() {
        let marks = ChainHighlight([.arrow(into: 3, row: .cell), .token(step: 3)])
        let chain = UnrolledChain(model: ChainSamples.lstm, cursor: 3, highlight: marks)
        let utf8 = draw(chain, width: 80, height: 8)
        #expect(!Self.columns(utf8, row: 3, "≡").isEmpty && Self.columns(utf8, row: 2, "━").isEmpty)
        #expect(utf8.text.contains("▸.◂"), "the cursor's token (step 4 is \".\") is marked:\n\(utf8.text)")
        let ascii = draw(chain, width: 80, height: 8, glyphs: .ascii)
        #expect(ascii.lines[3].contains("**>") && !ascii.lines[2].contains("**>"))
        #expect(ascii.text.contains(">.<") && ascii.text.allSatisfy { $0.isASCII })
        #expect(utf8.text.contains("what the explanation reads"), "the legend names the marks")
    }

    @Test func oneUnitOfARowIsReversedAlone() {
        // Wide boxes: one glyph and magnitude per unit, so unit 1 can be singled out.
        let marks = ChainHighlight([.state(step: 0, row: .hidden, unit: 1)])
        let buffer = draw(UnrolledChain(model: ChainModel(steps: Array(ChainSamples.steps().prefix(3))), cursor: 1, highlight: marks), width: 120, height: 8)
        let reversed = (0..<120).filter { buffer[$0, 2].style.reverse }
        #expect(!reversed.isEmpty && reversed.count <= 4, "one unit's glyph and number: \(reversed)")
        #expect(Self.columns(buffer, row: 2, "▸").count == 1)
        #expect(marks.markedUnits(step: 0, row: .hidden) == [1] && marks.markedUnits(step: 1, row: .hidden) == nil)
        #expect(ChainHighlight([.state(step: 0, row: .cell, unit: nil)]).markedUnits(step: 0, row: .cell) == [])
    }

    @Test func noHighlightDrawsTheSameChain() {
        let a = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3), width: 120, height: 10)
        let b = draw(UnrolledChain(model: ChainSamples.lstm, cursor: 3, highlight: ChainHighlight()), width: 120, height: 10)
        #expect(a.styledText == b.styledText)
        #expect(writesOutside(UnrolledChain(model: ChainSamples.lstm, cursor: 3, highlight: ChainHighlight([.token(step: 3), .arrow(into: 3, row: .hidden)])),
                              area: Rect(x: 2, y: 1, width: 60, height: 6), glyphs: .utf8).isEmpty)
    }
}
