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
    @OptionGroup var source: LessonSourceOptions
    @OptionGroup var progress: ProgressOptions

    var mayOpenFullScreen: Bool { !display.plain }

    func run() throws {
        // The first frame shows the labs at once; the lessons arrive from a background read.
        let store = try progress.store()
        // Held while the tutor runs: other tutors on this login see it, and this one sees theirs.
        let presence = TutorPresence.register(in: store.directory)
        let files = source.files
        let start = StartState(entries: StartState.labs(shipped: ModelStore(files: files).names))
        var state = AppState(screen: .start(start), presenter: display.present, notes: display.notes)
        state.loadingLessons = true
        state.status = presence?.sharedLoginNotice
        let app = App(state: state, progressStore: store, lessons: files)
        // The full screen reads the lessons in the background; the plain transcript reads them itself.
        try runTutor(app, options: display, starting: { app.perform(.loadLessons) }) {
            let lessons = StartState.lessons(LessonLibrary.load(files: files), progress: store.load().progress)
            return PlainReport.start(StartState(entries: lessons + start.entries))
        }
        withExtendedLifetime(presence) {}
    }
}
