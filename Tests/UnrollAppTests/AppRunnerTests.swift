import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// The App class: effects performed for real (background training, opening a lab, quitting).
@Suite struct AppRunnerTests {
    @Test func liveTrainingIsPacedPausedAndSteppedOnTheRealDriver() throws {
        let model = try AppFixtures.model("dinner-rnn")
        var lab = try LabState(title: "dinner", model: model, inputText: "pizza sushi waffles pizza sushi")
        lab.t = 1
        let app = App(state: AppFixtures.state(lab, width: 120, height: 40))
        #expect(app.handle(.key(.char("t"))) == .continue)
        #expect(app.state.lab?.training?.data == "the dinner cycle")
        _ = app.handle(.key(.char("+")))
        _ = app.handle(.key(.char("+")))
        app.waitForTraining(updates: 8)
        let running = try #require(app.state.lab?.training)
        #expect(running.updates >= 8)
        #expect(app.state.lab?.model != model, "the trained weights are shown")
        _ = app.handle(.key(.char(" ")))
        Thread.sleep(forTimeInterval: 0.1)
        app.drainInbox()
        let frozen = try #require(app.state.lab?.training?.updates)
        Thread.sleep(forTimeInterval: 0.3)
        app.drainInbox()
        #expect(app.state.lab?.training?.updates == frozen, "paused: no updates")
        _ = app.handle(.key(.char(".")))
        app.waitForTraining(updates: frozen + 1)
        Thread.sleep(forTimeInterval: 0.1)
        app.drainInbox()
        #expect(app.state.lab?.training?.updates == frozen + 1, ". does exactly one update")
        let losses = try #require(app.state.lab?.training?.losses)
        #expect(losses.count == frozen + 1)
        #expect(try #require(losses.last) < (losses.first ?? 0))
        #expect(app.handle(.key(.char("q"))) == .quit(exitCode: 0))
    }

    @Test func writingTheModelNeverOverwrites() throws {
        let model = try AppFixtures.model("dinner-rnn")
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-write-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(try App.write(model, to: "trained-dinner-0.json", in: directory.path).get() == "trained-dinner-0.json")
        #expect(try App.write(model, to: "trained-dinner-0.json", in: directory.path).get() == "trained-dinner-0-2.json")
        let read = try ModelFile.load(path: directory.appendingPathComponent("trained-dinner-0.json").path)
        #expect(read.parameters == model.parameters)
        #expect(FileManager.default.fileExists(atPath: directory.appendingPathComponent("trained-dinner-0-2.json").path))
    }

    @Test func startScreenOpensALabThroughTheEffect() throws {
        let entries = [StartState.Entry(title: "Lab: dinner", detail: "", action: .lab(model: "dinner", input: "pizza sushi"))]
        let dinner = try AppFixtures.model("dinner-rnn")
        let app = App(state: AppState(screen: .start(StartState(entries: entries)))) { _, input, title in
            do { return .success(try LabState(title: title, model: dinner, inputText: input)) } catch {
                return .failure(LabState.SetupError(description: "\(error)"))
            }
        }
        _ = app.handle(.key(.enter))
        #expect(app.state.lab?.tokens == ["pizza", "sushi"])
        _ = app.handle(.key(.escape))
        if case .start = app.state.screen {} else { Issue.record("Esc returns to the start screen") }
        #expect(app.handle(.key(.char("q"))) == .quit(exitCode: 0))
    }

    @Test func aFailedOpenIsReportedNotFatal() {
        let entries = [StartState.Entry(title: "Lab", detail: "", action: .lab(model: "missing", input: "x"))]
        let app = App(state: AppState(screen: .start(StartState(entries: entries)))) { _, _, _ in
            .failure(LabState.SetupError(description: "missing: no such model file"))
        }
        _ = app.handle(.key(.enter))
        #expect(app.state.status == "missing: no such model file")
        var buffer = Buffer(width: 80, height: 24)
        app.render(into: &buffer, glyphs: .utf8)
        #expect(buffer.text.contains("no such model file"))
    }

    @Test func controlCQuitsWith130() throws {
        let app = App(state: AppFixtures.state(try AppFixtures.lstmLab()))
        #expect(app.handle(.key(.ctrl("c"))) == .quit(exitCode: 130))
    }

    @Test func lessonsArriveAfterTheFirstFrameAndKeepTheSelection() throws {
        let labs = [StartState.Entry(title: "Lab: dinner", detail: "", action: .lab(model: "dinner", input: "pizza")),
                    StartState.Entry(title: "Lab: book", detail: "", action: .lab(model: "book", input: "Doug"))]
        var state = AppState(screen: .start(StartState(entries: labs, selected: 1)))
        state.loadingLessons = true
        #expect(state.tickMilliseconds == 50, "ticks while the lessons load")
        #expect(AppFixtures.frame(state).contains("reading the lessons"))
        let app = App(state: state)
        app.send(.lessonsLoaded(LessonPlayerTests.library, StudyProgress(), notice: nil))
        guard case let .start(start) = app.state.screen else { Issue.record("left the start screen"); return }
        #expect(start.entries.first?.action == .lesson(id: "dinner-cycle", step: 1))
        #expect(start.entries[start.selected].title == "Lab: book", "the student's place is kept")
        #expect(app.state.tickMilliseconds == nil && !app.state.loadingLessons)
        _ = app.handle(.key(.home))
        _ = app.handle(.key(.enter))
        #expect(app.state.lesson?.lesson.id == "dinner-cycle", "the loaded library opens lessons")
    }
}
