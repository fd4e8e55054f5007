import Foundation
import Testing
import UnrollApp
import UnrollCore
import UnrollLessons
import UnrollTUI

/// The App class: effects performed for real (background training, opening a lab, quitting).
@Suite struct AppRunnerTests {
    @Test func liveTrainingRunsInTheBackgroundAndStreamsProgress() throws {
        let model = try AppFixtures.model("dinner-rnn")
        var lab = try LabState(title: "dinner", model: model, inputText: "pizza sushi waffles pizza sushi")
        lab.t = 1
        let app = App(state: AppFixtures.state(lab))
        #expect(app.handle(.key(.char("t"))) == .continue)
        app.waitForBackgroundWork()
        let after = try #require(app.state.lab)
        #expect(after.training?.running == false)
        #expect((after.training?.losses.count ?? 0) >= 2)
        #expect(after.model != model, "the trained weights are shown")
        let first = after.training?.losses.first ?? 0, last = after.training?.losses.last ?? .infinity
        #expect(last < first)
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
