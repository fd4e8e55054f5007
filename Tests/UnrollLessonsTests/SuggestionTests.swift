import Testing
@testable import UnrollLessons

@Suite struct SuggestionTests {
    @Test func suggestsCloseNamesOnly() {
        #expect(Suggestion.closest(to: "sumary", in: HeaderParser.keys) == "summary")
        #expect(Suggestion.closest(to: "maks", in: ["abs", "max", "mean"]) == "max")
        #expect(Suggestion.closest(to: "zzzzzz", in: HeaderParser.keys) == nil)
        #expect(Suggestion.hint(for: "vectorz", in: ["vectors"]) == " (did you mean 'vectors'?)")
        #expect(Suggestion.distance(Array("kitten".unicodeScalars), Array("sitting".unicodeScalars)) == 3)
    }
}
