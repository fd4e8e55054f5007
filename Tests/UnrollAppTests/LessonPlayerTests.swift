import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// The lesson player driven by messages: steps, questions, presenter keys, progress.
@Suite struct LessonPlayerTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("UnrollLessonsTests/Fixtures").path
    static let library = LessonLibrary.load(directory: fixtures)

    static func state(_ id: String = "example", step: Int = 1, width: Int = 100, height: Int = 30) throws -> AppState {
        let lesson = try App.openLesson(id, step: step, in: library).get()
        var s = AppState(screen: .lesson(lesson), width: width, height: height)
        s.startScreen = StartState(entries: StartState.lessons(library, progress: StudyProgress()))
        return s
    }

    static func progressChanges(_ effects: [Effect]) -> [ProgressChange] {
        effects.compactMap { if case let .progress(c) = $0 { return c } else { return nil } }
    }

    @Test func stepsForwardAndBackAndRecordsProgress() throws {
        var s = try Self.state()
        #expect(s.lesson?.stepNumber == 1)
        let effects = AppFixtures.press(&s, [.right])
        #expect(s.lesson?.stepNumber == 2)
        #expect(Self.progressChanges(effects) == [.visit(lesson: "example", step: 2)])
        AppFixtures.press(&s, [.char("p")])
        #expect(s.lesson?.stepNumber == 1)
        AppFixtures.press(&s, [.char("g"), .char("4"), .enter])
        #expect(s.lesson?.stepNumber == 4)
        let end = AppFixtures.press(&s, [.char("n")])
        #expect(s.lesson?.isLastStep == true)
        #expect(Self.progressChanges(end).contains(.complete(lesson: "example")))
        AppFixtures.press(&s, [.escape])
        if case .start = s.screen {} else { Issue.record("Esc returns to the list of lessons") }
    }

    @Test func theSceneIsTheCoresRunAndTheChecksHold() throws {
        let s = try Self.state(step: 3)
        let lesson = try #require(s.lesson)
        let run = try #require(lesson.sceneRun)
        #expect(lesson.lab?.shown.gateValues == run.trace.gateValues)
        #expect(!lesson.checkResults.isEmpty && lesson.checkResults.allSatisfy { $0.result.passed })
        let text = AppFixtures.frame(s)
        #expect(text.contains("of this step hold on the live model") || text.contains("claim of this step holds on the live model"))
        #expect(text.contains("every unit, every gate"), "the gates panel is drawn")
    }

    @Test func aQuestionIsAnsweredThenRevealedByTheCore() throws {
        var s = try Self.state(step: 2)
        let before = AppFixtures.frame(s)
        #expect(before.contains("predict, then see"))
        #expect(before.contains("1 Doug   2 Jane   3 Spot"))
        let effects = AppFixtures.press(&s, [.char("2")])
        let q = try #require(s.lesson?.questions.first)
        let revealed = try #require(q.revealed)
        #expect(revealed.response == .choice(1))
        let lesson = try #require(s.lesson)
        let predicted = lesson.sceneRun.map { $0.model.outputLabel($0.trace.predicted(at: 6)) }
        #expect(revealed.answer.text == predicted)
        #expect(revealed.correct == (predicted == "Jane"))
        let answers = Self.progressChanges(effects)
        #expect(answers.count == 1)
        if case let .answer(record, lesson)? = answers.first { #expect(record.step == 2 && lesson == "example") }
        #expect(AppFixtures.frame(s).contains("the live model says"))
    }

    @Test func aWrongAnswerCanBeTriedAgainAndTheRecordKeepsTheFirst() throws {
        var s = try Self.state(step: 2)
        let lesson = try #require(s.lesson)
        let right = try #require(lesson.sceneRun.map { $0.model.outputLabel($0.trace.predicted(at: 6)) })
        let choices = ["Doug", "Jane", "Spot"]
        let rightKey = try #require(choices.firstIndex(of: right)) + 1
        let wrongKey = rightKey == 1 ? 2 : 1
        let first = AppFixtures.press(&s, [.char(Character(String(wrongKey)))])
        #expect(s.lesson?.questions.first?.revealed?.correct == false)
        let frame = AppFixtures.frame(s)
        #expect(frame.contains("you said \(choices[wrongKey - 1])"), "\(frame)")
        #expect(Self.progressChanges(first).count == 1)
        // Another answer key asks again and reveals again; nothing more is recorded.
        let second = AppFixtures.press(&s, [.char(Character(String(rightKey)))])
        let q = try #require(s.lesson?.questions.first)
        #expect(q.revealed?.correct == true)
        #expect(q.attempts == 2)
        #expect(Self.progressChanges(second).isEmpty)
        // Once right, digits are not answers any more.
        _ = AppFixtures.press(&s, [.char(Character(String(wrongKey)))])
        #expect(s.lesson?.questions.first?.revealed?.correct == true)
    }

    @Test func aNumberQuestionShowsItsTolerance() throws {
        let s = try Self.state(step: 4)
        let frame = AppFixtures.frame(s)
        #expect(frame.contains("predict, then see"), "\(frame)")
        #expect(frame.contains("±0.05 counts"), "\(frame)")
    }

    @Test func presenterKeysAndBlankScreen() throws {
        var s = try Self.state()
        s.presenter = true
        AppFixtures.press(&s, [.pageDown, .pageDown, .pageUp])
        #expect(s.lesson?.stepNumber == 2)
        AppFixtures.press(&s, [.char("b")])
        #expect(AppFixtures.frame(s).trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "b blanks the screen")
        AppFixtures.press(&s, [.char("x")])
        #expect(!s.blank && s.lesson?.stepNumber == 2, "any key returns, without acting")
        #expect(!AppFixtures.frame(s).contains("q quit"), "no chrome in presenter mode")
    }

    @Test func keysTheSceneDoesNotInviteAreExplainedNotActed() throws {
        var s = try Self.state(step: 3)
        let t = s.lesson?.lab?.t
        AppFixtures.press(&s, [.char("t")])
        #expect(s.lesson?.lab?.training == nil)
        #expect(s.lesson?.note?.contains("does not use training") == true)
        AppFixtures.press(&s, [.char("l")])
        #expect(s.lesson?.lab?.t == t, "time stepping is not invited here")
        var clampStep = try Self.state(step: 4)
        AppFixtures.press(&clampStep, [.char("c")])
        if case .clampEditor = clampStep.overlay {} else { Issue.record("c opens the clamp editor where the scene invites it") }
    }

    @Test func progressIsSavedThroughTheApp() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-progress-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let store = ProgressStore(directory: dir.path)
        let app = App(state: try Self.state(), library: Self.library, progressStore: store)
        _ = app.handle(.key(.right))
        _ = app.handle(.key(.right))
        let saved = store.load().progress
        #expect(saved.lastLesson == "example")
        #expect(saved.lessons["example"]?.stepReached == 3)
        let start = StartState.lessons(Self.library, progress: saved)
        #expect(start.first?.title == "Resume: Who did Doug see?")
        #expect(start.first?.action == .lesson(id: "example", step: 3))
    }

    @Test func plainLessonReportPrintsEveryStep() throws {
        let lesson = try App.openLesson("example", step: 1, in: Self.library).get()
        let text = PlainReport.lesson(lesson)
        #expect(text.contains("Step 1 of 5"))
        #expect(text.contains("Step 5 of 5"))
        // The claims' outcome, never the check expressions themselves.
        #expect(text.contains("checked on the live model: "))
        #expect(!text.contains("check: "))
        #expect(!text.contains("predicted@"))
        #expect(text.contains("answer: "))
        #expect(!text.contains("\u{1B}"))
    }

    @Test func lessonScreensAtEverySize() throws {
        for step in 1...5 {
            for (w, h) in [(80, 24), (120, 40), (40, 10)] {
                let s = try Self.state(step: step, width: w, height: h)
                var buffer = Buffer(width: w, height: h)
                view(s, into: &buffer, glyphs: .utf8)
                if step == 2 || step == 4 {
                    assertSnapshotLines(buffer.text, named: "lesson-example-\(step)-\(w)x\(h)")
                }
                if w >= 80 { #expect(buffer.text.contains("step \(step)/5"), "header at \(w)x\(h)") }
            }
        }
    }
}
