import Testing
@testable import UnrollLessons

@Suite struct LessonTests {
    @Test func contentsChecksAndQuestionsAreListedWithTheirSteps() throws {
        let l = try lesson(try Fixtures.text("example.md"))
        #expect(l.contents.count == 5)
        #expect(l.allChecks.map(\.step) == [1, 1, 2, 2, 3, 3, 4, 5, 5, 5])
        #expect(l.allQuestions.map(\.step) == [2, 4])
        #expect(l.warnings.isEmpty)
        let broken = parse("no header")
        #expect(broken.lesson == nil)
        #expect(broken.firstError?.position == "1:1")
    }
}
