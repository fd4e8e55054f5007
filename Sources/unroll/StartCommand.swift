import ArgumentParser
import UnrollApp
import UnrollCore

/// `unroll` with no subcommand: the start screen.
struct StartCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "start",
        abstract: "Open the tutor's start screen: lessons and labs.",
        shouldDisplay: false
    )

    @OptionGroup var display: DisplayOptions

    func run() throws {
        let start = StartState(entries: StartState.labs(shipped: ModelLocator.shippedNames()))
        let app = App(state: AppState(screen: .start(start), presenter: display.present))
        try runTutor(app, options: display) { PlainReport.start(start) }
    }
}
