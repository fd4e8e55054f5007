import ArgumentParser
import UnrollApp
import UnrollCore
import UnrollLessons

/// `unroll lesson`: opens one lesson, optionally at a step.
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Open a lesson (see unroll list), optionally at a step.",
        discussion: "Example: unroll lesson 07-lstm --step 3 --present"
    )

    @Argument(help: "The lesson's id (its file name without .md), or its number in unroll list.")
    var name: String

    @Option(name: [.customShort("s"), .long], help: "Start at this step (1-based).")
    var step: Int = 1

    @OptionGroup var display: DisplayOptions
    @OptionGroup var source: LessonSourceOptions

    func run() throws {
        let library = source.library()
        var id = name
        if let n = Int(name), n >= 1, n <= library.entries.count { id = library.entries[n - 1].id }
        guard let entry = library.entry(id: id) else {
            throw fail("lesson", "no lesson '\(name)' (lessons: \(library.entries.map(\.id).joined(separator: ", ")))", code: Exit.noInput)
        }
        guard let lesson = entry.lesson else {
            throw fail("lesson", entry.firstError?.description ?? "\(entry.file): cannot be read", code: Exit.dataError)
        }
        guard step >= 1 && step <= lesson.steps.count else {
            throw fail("lesson", "--step \(step) is outside 1…\(lesson.steps.count)", code: Exit.usage)
        }
        let store = ProgressStore()
        let loaded = store.load()
        let start = StartState(entries: StartState.lessons(library, progress: loaded.progress) + StartState.labs(shipped: library.models.names))
        let playing = LessonState(lesson: lesson, runner: library.runner, step: step)
        var state = AppState(screen: .lesson(playing), presenter: display.present)
        state.startScreen = start
        state.status = loaded.notice
        let app = App(state: state, library: library, progressStore: store, lessons: library.files)
        app.send(.lessonResult(.success(playing)))
        try runTutor(app, options: display) { PlainReport.lesson(playing) }
    }
}
