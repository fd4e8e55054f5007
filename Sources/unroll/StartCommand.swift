import ArgumentParser
import UnrollApp
import UnrollCore
import UnrollLessons

/// `unroll` with no subcommand: the start screen.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Open the tutor's start screen: lessons and labs.",
        shouldDisplay: false
    )

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let library = LessonLibrary.shipped()
        let store = ProgressStore()
        let loaded = store.load()
        let lessons = library.map { StartState.lessons($0, progress: loaded.progress) } ?? []
        let start = StartState(entries: lessons + StartState.labs(shipped: ModelLocator.shippedNames()))
        var state = AppState(screen: .start(start), presenter: display.present)
        state.status = loaded.notice ?? library?.problem
        let app = App(state: state, library: library, progressStore: store)
        try runTutor(app, options: display) { PlainReport.start(start) }
    }
}
