import Foundation
import Testing
@testable import UnrollLessons

@Suite struct StudyProgressTests {
    @Test func visitingKeepsTheFurthestStepAndTheLastLesson() {
        var p = StudyProgress()
        p.visit(lesson: "a", step: 3)
        p.visit(lesson: "a", step: 2)
        p.visit(lesson: "b", step: 1)
        #expect(p.lessons["a"]?.stepReached == 3)
        #expect(p.lessons["a"]?.currentStep == 2)
        #expect(p.lastLesson == "b")
        p.complete(lesson: "a")
        #expect(p.lessons["a"]?.completed == true)
    }

    @Test func answersAreRecordedRightOrWrongAndBounded() {
        var p = StudyProgress()
        p.record(AnswerRecord(step: 2, question: 0, given: "Doug", correct: false), lesson: "a")
        p.record(AnswerRecord(step: 2, question: 0, given: "Jane", correct: true), lesson: "a")
        #expect(p.lessons["a"]?.answers.count == 2)
        #expect(p.lessons["a"]?.correctAnswers == 1)
        for k in 0..<(LessonProgress.maxAnswers + 10) { p.record(AnswerRecord(step: 1, question: 0, given: "\(k)", correct: true), lesson: "b") }
        #expect(p.lessons["b"]?.answers.count == LessonProgress.maxAnswers)
        #expect(p.lessons["b"]?.answers.first?.given == "10")
    }
}
