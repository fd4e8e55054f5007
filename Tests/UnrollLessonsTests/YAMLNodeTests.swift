import Testing
@testable import UnrollLessons

@Suite struct YAMLNodeTests {
    @Test func positionsAreTranslatedToTheLessonFile() throws {
        let (node, problems) = YAMLBlock.parse("a: 1\nb:\n  - 'x'\n  - |\n    y\n", firstLine: 20, file: "f.md", what: "the scene")
        #expect(problems.isEmpty)
        guard case let .mapping(entries, at)? = node else { Issue.record("not a mapping"); return }
        #expect(at == SourcePosition(line: 20, column: 1))
        #expect(entries.map(\.key) == ["a", "b"])
        #expect(entries[1].keyLocation == SourcePosition(line: 21, column: 1))
        guard case let .sequence(items, _) = entries[1].value, case let .scalar(x) = items[0], case let .scalar(y) = items[1] else {
            Issue.record("shape"); return
        }
        #expect(x.style == .quoted && x.location == SourcePosition(line: 22, column: 5) && x.contentLocation.column == 6)
        #expect(y.style == .block && y.text == "y\n")
    }

    @Test func scalarsAreInterpretedByTheLessonNotByYams() {
        func scalar(_ text: String, _ style: YAMLScalar.Style = .plain) -> YAMLScalar { YAMLScalar(text: text, style: style, location: .start) }
        #expect(scalar("1e-3").number == 0.001)
        #expect(scalar("99999999999:59:59").number == nil)
        #expect(scalar("inf").number == nil)
        #expect(scalar("True").bool == true && scalar("no").bool == nil && scalar("true", .quoted).bool == nil)
        #expect(scalar("~").isNull && scalar("").isNull && !scalar("null", .quoted).isNull)
    }

    @Test func errorsCarryTheBlockOffset() {
        let (_, problems) = YAMLBlock.parse("a: [1,\nb: 2", firstLine: 10, file: "f.md", what: "the scene")
        #expect(problems.count == 1)
        #expect(problems[0].line >= 10)
        #expect(problems[0].message.hasPrefix("invalid YAML in the scene:"))
        let (_, tabs) = YAMLBlock.parse("a:\n\t- b", firstLine: 3, file: "f.md", what: "x")
        #expect(tabs.first?.position == "4:1")
        let (_, duplicate) = YAMLBlock.parse("a: 1\na: 2", firstLine: 3, file: "f.md", what: "x")
        #expect(duplicate.first?.description == "f.md:3:1: invalid YAML in x: duplicate key 'a'")
    }

    @Test func nestingIsBoundedBeforeComposing() {
        #expect(YAMLBlock.nestingProblem("a: " + String(repeating: "[", count: 40), firstLine: 5) == SourcePosition(line: 5, column: 36))
        #expect(YAMLBlock.nestingProblem("a: [[1], {b: [2]}]", firstLine: 1) == nil)
        #expect(YAMLBlock.nestingProblem(String(repeating: " ", count: 70) + "x", firstLine: 2)?.line == 2)
    }
}
