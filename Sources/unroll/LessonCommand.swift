import ArgumentParser
import UnrollApp
import UnrollCore
import UnrollLessons

/// `unroll lesson`: opens one lesson, optionally at a step.
struct LessonCommand: ParsableCommand, DocumentedExamples, FullScreenCommand {
    static let examples = ["unroll lesson 07-lstm --step 3 --present"]

    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson (see unroll list), optionally at a step.",
        discussion: CommandExamples.text(examples)
    )

    @Argument(help: "The lesson's id (its file name without .md), or its number in unroll list.")
    var name: String

    @Option(name: [.customShort("s"), .long], help: "Start at this step (1-based).")
    var step: Int = 1

    @OptionGroup var display: DisplayOptions
    @OptionGroup var source: LessonSourceOptions
    @OptionGroup var progress: ProgressOptions

    var mayOpenFullScreen: Bool { !display.plain }

    func run() throws {
        let (library, lesson) = try findLesson(name, step: step, option: "--step", command: "lesson", in: source.library())
        let store = try progress.store()
        let presence = TutorPresence.register(in: store.directory)
        let loaded = store.load()
        let start = StartState(entries: StartState.lessons(library, progress: loaded.progress) + StartState.labs(shipped: library.models.names))
        let playing = LessonState(lesson: lesson, runner: library.runner, step: step)
        var state = AppState(screen: .lesson(playing), presenter: display.present, notes: display.notes)
        state.startScreen = start
        state.status = loaded.notice ?? presence?.sharedLoginNotice
        let app = App(state: state, library: library, progressStore: store, lessons: library.files)
        app.send(.lessonResult(.success(playing)))
        try runTutor(app, options: display) { PlainReport.lesson(playing, notes: display.notes) }
        withExtendedLifetime(presence) {}
    }
}

/// The shipped lesson `name` (an id, or its number in `unroll list`) with `step` checked against
/// its steps; every problem is one line: 66 no such lesson (with "did you mean"), 65 a lesson
/// that cannot be read, 64 a step outside 1…N.
func findLesson(_ name: String, step: Int, option: String, command: String, in library: LessonLibrary) throws -> (LessonLibrary, Lesson) {
    if let problem = library.problem { throw fail(command, problem, code: Exit.noInput) }
    let ids = library.entries.map(\.id)
    var id = name
    if let n = Int(name), n >= 1, n <= library.entries.count { id = library.entries[n - 1].id }
    guard let entry = library.entry(id: id) else {
        let guess = NameSuggestion.closest(to: name, in: ids).map { "did you mean '\($0)'? " } ?? ""
        throw fail(command, "no lesson '\(name)' (\(guess)unroll list shows all \(ids.count))", code: Exit.noInput)
    }
    guard let lesson = entry.lesson else {
        throw fail(command, entry.firstError?.description ?? "\(entry.file): cannot be read", code: Exit.dataError)
    }
    guard !lesson.steps.isEmpty else { throw fail(command, "\(entry.file): the lesson has no steps", code: Exit.dataError) }
    guard step >= 1 && step <= lesson.steps.count else {
        throw fail(command, "\(option) \(step) is outside 1…\(lesson.steps.count) (\(entry.id) has \(lesson.steps.count) steps)", code: Exit.usage)
    }
    return (library, lesson)
}
