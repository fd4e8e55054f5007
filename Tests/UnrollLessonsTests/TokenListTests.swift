import Testing
@testable import UnrollLessons

@Suite struct TokenListTests {
    @Test func tokensKeepTheirColumns() {
        let list = TokenList(text: "Jane  saw\tSpot", at: SourcePosition(line: 4, column: 8))
        #expect(list.tokens.map(\.value) == ["Jane", "saw", "Spot"])
        #expect(list.tokens.map(\.location.column) == [8, 14, 18])
        #expect(list.text == "Jane saw Spot")
        let folded = TokenList(text: "a\nb", at: SourcePosition(line: 4, column: 8))
        #expect(folded.tokens.map(\.location.column) == [8, 8], "after a line break columns are unknown: the value's start")
    }
}
