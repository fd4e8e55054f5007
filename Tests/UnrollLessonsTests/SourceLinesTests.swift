import Testing
@testable import UnrollLessons

@Suite struct SourceLinesTests {
    @Test func splitsOnNewlinesAndDropsCarriageReturns() {
        let lines = SourceLines("a\r\nb\n\nc\r")
        #expect(lines.lines == ["a", "b", "", "c"])
        #expect(lines[2] == "b" && lines[9] == "")
        #expect("  x ".trimmed == "x" && "   ".leadingSpaces == 3)
    }
}
