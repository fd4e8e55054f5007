import Foundation
import Testing
import UnrollApp
import UnrollLessons
import UnrollTUI

/// A learner alone: the end of a lesson leads to the next, the start screen follows progress, and
/// every entry can be reached by its number.
@Suite struct LessonEndAndStartTests {
    static let library = LessonLibrary.load(files: LessonLibrary.builtIn)

    static func lastStepOfLessonOne(store: ProgressStore? = nil) throws -> App {
        let first = try #require(library.entries.first?.lesson)
        let lesson = try App.openLesson(first.id, step: first.steps.count, in: library).get()
        var state = AppState(screen: .lesson(lesson), width: 100, height: 30)
        state.startScreen = StartState(entries: StartState.lessons(library, progress: StudyProgress()))
        return App(state: state, library: library, progressStore: store)
    }

    @Test func theEndOfALessonNamesTheNextAndTheSameKeyOpensIt() throws {
        let app = try Self.lastStepOfLessonOne()
        let next = try #require(app.state.lesson?.lesson.header.next?.value)
        let nextTitle = try #require(Self.library.entry(id: next)?.lesson?.title)
        _ = app.handle(.key(.char("n")))
        let note = try #require(app.state.lesson?.note)
        #expect(note.contains(nextTitle), "\(note)")
        #expect(!note.contains("Located<"), "\(note)")
        // The start screen now points at the next lesson.
        let start = try #require(app.state.startScreen)
        #expect(start.entries[start.selected].action == .lesson(id: next, step: 1))
        _ = app.handle(.key(.char("n")))
        #expect(app.state.lesson?.lesson.id == next)
        #expect(app.state.lesson?.stepNumber == 1)
    }

    @Test func theStartScreenShowsProgressMadeSinceItWasBuilt() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-end-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        defer { try? FileManager.default.removeItem(at: dir) }
        let app = try Self.lastStepOfLessonOne(store: ProgressStore(directory: dir.path))
        let id = try #require(app.state.lesson?.lesson.id)
        func detail() -> String? {
            app.state.startScreen?.entries.first { $0.action == .lesson(id: id, step: 1) }?.detail
        }
        #expect(detail()?.contains("done") == false)
        _ = app.handle(.key(.char("n")))     // past the last step: the lesson is complete
        _ = app.handle(.key(.escape))
        if case .start = app.state.screen {} else { Issue.record("Esc should return to the start screen") }
        #expect(detail()?.contains("done") == true, "\(detail() ?? "no entry")")
    }

    @Test func everyEntryIsReachableByItsNumber() {
        var start = StartState(entries: (1...19).map { StartState.Entry(title: "\($0). entry", detail: "", action: .unavailable("x")) })
        start.entries.insert(StartState.Entry(title: "Resume: entry", detail: "", action: .unavailable("r")), at: 0)
        #expect(start.number(at: 0) == nil)
        #expect(start.number(at: 1) == 1 && start.number(at: 19) == 19)
        start.type(digit: 1); #expect(start.selected == 1)
        start.type(digit: 2); #expect(start.selected == 12)
        start.type(digit: 3); #expect(start.selected == 3)
        start.type(digit: 1); start.type(digit: 9); #expect(start.selected == 19)
        start.type(digit: 2); start.type(digit: 5); #expect(start.selected == 5)   // no entry 25: the new digit alone
    }

    /// At 80×24 the list holds fewer rows than entries: what is past the window is announced.
    @Test func entriesPastTheWindowAreAnnounced() {
        var start = StartState(entries: (1...13).map { StartState.Entry(title: "\($0). lesson", detail: "", action: .unavailable("x")) }
                                 + (1...7).map { StartState.Entry(title: "Lab \($0)", detail: "", action: .unavailable("x")) })
        func frame() -> String {
            var buffer = Buffer(width: 80, height: 24)
            StartView.render(start, state: AppState(screen: .start(start), width: 80, height: 24), into: &buffer, glyphs: .ascii)
            return buffer.text
        }
        #expect(frame().contains("7 more below (the labs)"), "\(frame())")
        #expect(!frame().contains("more above"))
        start.selected = 19
        #expect(frame().contains("7 more above") && !frame().contains("more below"), "\(frame())")
    }
}

/// Presenter notes reach the screen only with `--notes` (the presenter's own terminal).
@Suite struct PresenterNotesScreenTests {
    @Test func notesAreShownOnlyToThePresenter() throws {
        let library = LessonEndAndStartTests.library
        let lesson = try #require(library.entry(id: "07-lstm")?.lesson)
        let noted = try #require(lesson.steps.firstIndex { !$0.notes.isEmpty }) + 1
        let playing = try App.openLesson("07-lstm", step: noted, in: library).get()
        let firstWords = lesson.steps[noted - 1].notes.split(separator: " ").prefix(3).joined(separator: " ")
        func frame(notes: Bool) -> String {
            var buffer = Buffer(width: 120, height: 40)
            view(AppState(screen: .lesson(playing), width: 120, height: 40, notes: notes), into: &buffer, glyphs: .utf8)
            return buffer.text
        }
        #expect(!frame(notes: false).contains(firstWords))
        #expect(!frame(notes: false).contains("<!--"))
        #expect(frame(notes: true).contains(firstWords), "\(frame(notes: true))")
        #expect(!PlainReport.lesson(playing).contains(firstWords))
        #expect(PlainReport.lesson(playing, notes: true).contains(firstWords))
    }
}
