import Foundation
import Testing
@testable import UnrollLessons

/// Reading a progress file without trusting it (issue 10, finding 4).
@Suite struct ProgressFileTests {
    @Test func whatTheStoreWritesReadsBackExactlyAndSilently() throws {
        var p = StudyProgress()
        p.visit(lesson: "07-lstm", step: 4)
        p.visit(lesson: "04-squashing", step: 12)
        p.complete(lesson: "04-squashing")
        p.record(AnswerRecord(step: 4, question: 1, given: "0.25", correct: false), lesson: "07-lstm")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let (read, repairs) = try ProgressFile.read(try encoder.encode(p))
        #expect(read == p)
        #expect(repairs.isEmpty)
    }

    @Test func wrongTypesAreRepairedOneByOne() throws {
        let json = #"{"version": 1, "lessons": {"a": {"currentStep": "3", "stepReached": 2.5, "completed": 1, "answers": {}}}, "lastLesson": 7}"#
        let (p, repairs) = try ProgressFile.read(Data(json.utf8))
        #expect(p.lessons["a"] == LessonProgress(stepReached: 0, currentStep: 1, completed: false, answers: []))
        #expect(p.lastLesson == nil)
        #expect(repairs.count == 5, "\(repairs)")
        #expect(repairs.allSatisfy { !$0.contains("\n") })
    }

    @Test func deepNestingIsRefusedBeforeTheDecoder() throws {
        for depth in [512, 513, 514, 100_000] {
            let text = String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
            #expect(throws: ProgressFile.Unreadable.self) { try ProgressFile.read(Data(text.utf8)) }
        }
        let brackets = "{\"version\": 1, \"lastLesson\": \"" + String(repeating: "[", count: 600) + "\"}"
        #expect(throws: Never.self, "brackets inside a string are not nesting") { try ProgressFile.read(Data(brackets.utf8)) }
    }
}
