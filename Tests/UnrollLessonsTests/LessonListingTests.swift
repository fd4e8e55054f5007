import Foundation
import Testing
@testable import UnrollLessons

@Suite struct LessonListingTests {
    @Test func listsOneLessonALine() {
        let library = LessonLibrary.load(directory: Fixtures.directory)
        #expect(LessonListing.lines(library) == [
            "dinner-cycle  The dinner cycle  (3 min, 1 step)",
            "example       Who did Doug see?  (8 min, 5 steps)",
            "gate-lab      Gate lab  (4 min, 1 step)",
        ])
    }

    @Test func marksBrokenLessonsWithTheirFirstError() throws {
        let dir = try temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try Data("# no header\n".utf8).write(to: URL(fileURLWithPath: (dir as NSString).appendingPathComponent("x.md")))
        let lines = LessonListing.lines(LessonLibrary.load(directory: dir))
        #expect(lines == ["x  BROKEN: \(dir)/x.md:1:1: a lesson starts with a YAML header between '---' lines (title, summary, minutes, model, input)"])
    }

    @Test func progressLinesShowStepsAnswersAndWhereToResume() {
        let library = LessonLibrary.load(directory: Fixtures.directory)
        var p = StudyProgress()
        p.visit(lesson: "example", step: 3)
        p.record(AnswerRecord(step: 2, question: 0, given: "Doug", correct: false), lesson: "example")
        p.record(AnswerRecord(step: 2, question: 0, given: "Jane", correct: true), lesson: "example")
        p.visit(lesson: "dinner-cycle", step: 1)
        p.complete(lesson: "dinner-cycle")
        p.visit(lesson: "retired", step: 2)
        p.visit(lesson: "example", step: 2)
        #expect(LessonListing.progressLines(p, library: library) == [
            "dinner-cycle  completed  The dinner cycle",
            "example       step 3/5, 1/2 answers right  Who did Doug see?",
            "gate-lab      not started  Gate lab",
            "retired       step 2  (no longer shipped)",
            "resume: example at step 2",
        ])
    }
}
