import Testing
@testable import UnrollTUI

@Suite struct WrappedTextTests {
    @Test func boldAndCodeSpans() {
        let buffer = draw(WrappedText("The **forget gate** keeps `c_t`."), width: 40, height: 1)
        #expect(buffer.styledText == block(
            "The forget gate keeps c_t.",
            "    bbbbbbbbbbb       aaa"))
    }

    @Test func italicWithStarsOrUnderscoresIsUnderlined() {
        let buffer = draw(WrappedText("*close* and _near_"), width: 40, height: 1)
        #expect(buffer.styledText == block("close and near", "uuuuu     uuuu"))
    }

    @Test func underscoresAndStarsInsideWordsOrMathStayLiteral() {
        let source = "W_hh and h_t and c_{t-1}; 2 * 3 * 4; snake_case_name"
        let buffer = draw(WrappedText(source), width: 60, height: 1)
        #expect(buffer.text == source)
        #expect(buffer.cells.allSatisfy { !$0.style.underline && $0.style.role == .text })
    }

    @Test func escapesAndUnclosedMarkers() {
        #expect(text(WrappedText("\\*not italic\\* and **open"), width: 40, height: 1) == "*not italic* and **open")
        #expect(text(WrappedText("a `b"), width: 40, height: 1) == "a `b")
    }

    @Test func wordWrapAndHardBreaks() {
        #expect(WrappedText("one two three four").plainLines(width: 9) == ["one two", "three", "four"])
        #expect(WrappedText("abcdefghij").plainLines(width: 4) == ["abcd", "efgh", "ij"])
        #expect(WrappedText("exactly ten").plainLines(width: 11) == ["exactly ten"])
        #expect(WrappedText("one\ntwo").plainLines(width: 20) == ["one two"])
    }

    @Test func listsHaveHangingIndents() {
        #expect(text(WrappedText("- Jane saw Spot and then a long tail"), width: 16, height: 3) == block(
            "• Jane saw Spot",
            "  and then a",
            "  long tail"))
        #expect(text(WrappedText("* star item\n  - nested"), width: 20, height: 2, glyphs: .ascii) == block(
            "* star item",
            "  * nested"))
        #expect(WrappedText("1. first\n10. tenth is long").plainLines(width: 12) == ["1. first", "10. tenth is", "    long"])
    }

    @Test func listContinuationLinesJoinTheItem() {
        #expect(WrappedText("- one\n  more\n- two").plainLines(width: 30) == ["* one more", "* two"])
    }

    @Test func headingsAreTitles() {
        let buffer = draw(WrappedText("# Gates\nText"), width: 10, height: 2)
        #expect(buffer.styledText == block("Gates", "TTTTT", "Text", ""))
        #expect(buffer[0, 0].style.bold)
        #expect(WrappedText("#hashtag").plainLines(width: 20) == ["#hashtag"])
    }

    @Test func blankLinesBreakParagraphsAndCollapse() {
        #expect(WrappedText("\n\na\n\n\n\nb\n\n").plainLines(width: 10) == ["a", "", "b"])
        #expect(WrappedText("# Title\n\nbody").plainLines(width: 10) == ["Title", "", "body"])
    }

    @Test func fencedCodeIsVerbatimAndCut() {
        let buffer = draw(WrappedText("Code:\n```\nx  =  1\nvery long line of code\n```\nafter"), width: 12, height: 4)
        #expect(buffer.text == block("Code:", "x  =  1", "very long li", "after"))
        #expect(buffer[0, 1].style.role == .accent)
    }

    @Test func scrollAndLineCount() {
        let t = WrappedText("one two three four five six", scroll: 2)
        #expect(t.lineCount(width: 9) == 4)
        #expect(text(t, width: 9, height: 5) == block("four five", "six", "", "", ""))
        #expect(text(WrappedText("a", scroll: 5), width: 9, height: 1) == "")
        #expect(WrappedText("a b").lineCount(width: 0) == 0)
    }

    @Test func baseStyleApplies() {
        let buffer = draw(WrappedText("note", style: Style(.muted)), width: 6, height: 1)
        #expect(buffer.styledText == block("note", "mmmm"))
    }

    @Test func displayCharactersAreSingleColumn() {
        #expect(WrappedText.display("a") == "a")
        #expect(WrappedText.display("\u{7}") == " ")
        #expect(WrappedText.display("\u{301}") == nil)      // combining acute accent
        #expect(WrappedText.display("\u{200D}") == nil)     // zero-width joiner
        #expect(WrappedText.display("漢") == "?")
        #expect(WrappedText.display("σ") == "σ")
        #expect(text(WrappedText("cafe\u{301} 漢字"), width: 12, height: 1) == "cafe ??")
    }
}
