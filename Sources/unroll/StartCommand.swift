import ArgumentParser
import UnrollApp
import UnrollCore
import UnrollLessons

/// `unroll` with no subcommand: the start screen.
struct StartCommand: ParsableCommand, FullScreenCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Open the tutor's start screen: lessons and labs.",
        shouldDisplay: false
    )

    @OptionGroup var display: DisplayOptions

    var mayOpenFullScreen: Bool { !display.plain }

    func run() throws {
        // The first frame shows the labs at once; the lessons arrive from a background read.
        let store = ProgressStore()
        let start = StartState(entries: StartState.labs(shipped: ModelLocator.shippedNames()))
        var state = AppState(screen: .start(start), presenter: display.present)
        state.loadingLessons = true
        let app = App(state: state, progressStore: store)
        app.perform(.loadLessons)
        try runTutor(app, options: display) {
            let library = LessonLibrary.shipped()
            let lessons = library.map { StartState.lessons($0, progress: store.load().progress) } ?? []
            return PlainReport.start(StartState(entries: lessons + start.entries))
        }
    }
}
