import Testing
@testable import UnrollLessons

@Suite struct YAMLReaderTests {
    func entries(_ yaml: String, known: [String]) -> ([YAMLEntry], YAMLReader) {
        let (node, problems) = YAMLBlock.parse(yaml, firstLine: 1, file: "f.md", what: "the scene")
        #expect(problems.isEmpty)
        var reader = YAMLReader(file: "f.md", what: "scene")
        let e = reader.entries(node, known: known, at: .start)
        return (e, reader)
    }

    @Test func typedReadsReportTheirMistakesAtTheValue() {
        var (e, reader) = entries("a: [1]\nb: x\nc: 3.5\nd: 'yes'\ne: [x, [y]]\nf: {}\ng:\n", known: ["a", "b", "c", "d", "e", "f", "g"])
        #expect(reader.text(e[0]) == nil)
        #expect(reader.number(e[1]) == nil)
        #expect(reader.integer(e[2], in: Int.min...Int.max) == nil)
        #expect(reader.bool(e[3]) == nil)
        #expect(reader.textList(e[4])?.map(\.value) == ["x"])
        #expect(reader.tokens(e[5]) == nil)
        #expect(reader.text(e[6]) == nil)
        #expect(reader.textList(e[6])?.isEmpty == true, "null is an empty list")
        #expect(reader.diagnostics.map(\.position) == ["1:4", "2:4", "3:4", "4:4", "5:8", "6:4", "7:3"])
        #expect(reader.diagnostics.map(\.message) == [
            "'a' should be a text, not a list", "'b' should be a number, not 'x'", "'c' should be a whole number, not '3.5'",
            "'d' should be true or false, not 'yes'", "each item of 'e' should be a text, not a list",
            "'f' should be tokens separated by spaces, not a mapping", "'g' needs a value",
        ])
    }

    @Test func unknownKeysAreReportedAndDropped() {
        let (e, reader) = entries("cursor: 1\ncursr: 2\n", known: ["cursor"])
        #expect(e.map(\.key) == ["cursor"])
        #expect(reader.diagnostics.first?.description == "f.md:2:1: unknown scene key 'cursr' (did you mean 'cursor'?) (known: cursor)")
    }
}
