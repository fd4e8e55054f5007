import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// The tutor's side of the hardened progress store and lesson numbers (issue 10: findings 2, 4, 15).
@Suite struct ProgressNoticeTests {
    static func temporaryFolder() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-notice-\(getpid())-\(UInt32.random(in: 0...UInt32.max))").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    @Test func progressNotBeingSavedIsShownOnceWithItsReason() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let blocker = (dir as NSString).appendingPathComponent("state")
        try Data("x".utf8).write(to: URL(fileURLWithPath: blocker))
        let store = ProgressStore(directory: (blocker as NSString).appendingPathComponent("unroll"))
        let app = App(state: try LessonPlayerTests.state(), library: LessonPlayerTests.library, progressStore: store)
        _ = app.handle(.key(.right))
        let expected = "progress is not being saved: \(blocker) is a file, not a folder"
        #expect(app.state.status == expected)
        #expect(app.progressNotice == expected)
        _ = app.handle(.key(.right))
        #expect(app.state.lesson?.stepNumber == 3, "the lesson goes on")
        #expect(app.state.status != expected, "shown once, not on every step")
        #expect(app.progressNotice == expected)
    }

    @Test func resumeFromAnyStoredStepNeverOverflows() throws {
        let lesson = try #require(LessonPlayerTests.library.lesson(id: "example"))
        for step in [Int.min, Int.min + 1, -1, 0, 1, Int.max - 1, Int.max] {
            let playing = LessonState(lesson: lesson, runner: LessonPlayerTests.library.runner, step: step)
            #expect(playing.stepNumber == (step <= 1 ? 1 : lesson.steps.count), "step \(step)")
        }
    }

    @Test func aProgressFileWithIntMinResumesAtTheFirstStep() throws {
        let dir = try Self.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = ProgressStore(directory: dir)
        let json = #"{"version": 1, "lastLesson": "example", "lessons": {"example": {"currentStep": -9223372036854775808, "stepReached": 3, "completed": false, "answers": []}}}"#
        try Data(json.utf8).write(to: URL(fileURLWithPath: store.path))
        let loaded = store.load()
        #expect(loaded.notice?.contains("currentStep") == true, "\(loaded.notice ?? "no notice")")
        let entries = StartState.lessons(LessonPlayerTests.library, progress: loaded.progress)
        let resume = try #require(entries.first)
        #expect(resume.title.hasPrefix("Resume: "))
        #expect(resume.detail.hasPrefix("step 1 of "), "\(resume.detail)")
        guard case let .lesson(id, step) = resume.action else { Issue.record("resume opens the lesson"); return }
        let opened = try App.openLesson(id, step: step, in: LessonPlayerTests.library).get()
        #expect(opened.stepNumber == 1)
    }

    @Test func aSavedStepPastTheLessonsEndResumesAtItsLastStep() throws {
        var progress = StudyProgress()
        progress.visit(lesson: "example", step: 99_999)
        let resume = try #require(StartState.lessons(LessonPlayerTests.library, progress: progress).first)
        let steps = try #require(LessonPlayerTests.library.lesson(id: "example")).steps.count
        #expect(resume.detail == "step \(steps) of \(steps)")
        #expect(resume.action == .lesson(id: "example", step: steps))
    }

    @Test func hugePlotParametersNeverTrapThePlayer() throws {
        let run = try LessonPlotTests.run()
        let hostile: [(String, [String: PlotValue])] = [
            ("squash", ["n": .number(1e300), "from": .number(-1e300), "to": .number(-1e300)]),
            ("squash", ["n": .number(-1e19)]),
            ("toy_loop", ["steps": .number(1e19), "w": .number(1e300)]),
            ("power", ["steps": .number(1e300)]),
            ("power", ["steps": .number(-1e300)]),
        ]
        for (kind, parameters) in hostile {
            let spec = LessonPlotTests.spec(kind, parameters)
            let plot = try #require(LessonPlot.compute(spec, run: run, scale: 1), "\(kind)")
            #expect(plot.series.allSatisfy { $0.points.count <= 501 }, "\(kind): bounded work, \(plot.series.map(\.points.count))")
        }
    }

    @Test func aHundredThousandLineFenceLintsWithTheRealPlayerQuickly() throws {
        // A 100,000-line fenced block of narration, drawn by the player at 80×24 as lint does.
        var text = "---\ntitle: T\nsummary: S\nminutes: 5\nmodel: book-lstm-trained\ninput: Jane saw Spot . Doug saw\n---\n## Big\n```text\n"
        for k in 0..<100_000 { text += "x\(k)\n" }
        text += "```\n## Next\nMore.\n"
        #expect(text.utf8.count <= LessonParser.maxBytes)
        let clock = ContinuousClock()
        var result: LessonParseResult? = nil
        let parse = clock.measure { result = LessonParser.parse(text, file: "big.md") }
        let lesson = try #require(result?.lesson)
        var problem: String? = "not run"
        let fit = clock.measure { problem = LessonFit.problem(lesson, step: 1, runner: LessonPlayerTests.library.runner) }
        print("100,000-line fence (\(text.utf8.count) bytes) with the player: parse \(parse), fit at 80×24 \(fit)")
        // The fit check runs to the end and reports what a reader would meet: narration that scrolls.
        #expect(problem?.contains("scrolls") == true, "\(problem ?? "no problem")")
        // Generous bounds for a debug build on a shared machine.
        #expect(parse < .seconds(5) && fit < .seconds(5), "parse \(parse), fit \(fit)")
    }
}
