import ArgumentParser
import Foundation
import UnrollApp
import UnrollCore
import UnrollTerminal
import UnrollTUI

/// Options every full-screen command shares.
struct DisplayOptions: ParsableArguments {
    @Flag(help: "Print plain text instead of the full-screen tutor (automatic when output is not a terminal or TERM cannot address the cursor).")
    var plain = false

    @Flag(help: "Presenter mode for a projector: larger panels, no chrome; PageUp/PageDown step.")
    var present = false

    @Flag(help: "Use ASCII characters only.")
    var ascii = false

    @Flag(help: "Show the lessons' presenter notes (the presenter's own terminal).")
    var notes = false

    @Flag(name: .customLong("no-motion"), help: "Do not animate stepping (also UNROLL_NO_MOTION=1; plain mode never animates).")
    var noMotion = false
}

/// Runs a full-screen app, or prints its plain form when the terminal cannot show it.
///
/// Without `--plain`, falling back says why in one line on standard error (for a pipe: "standard
/// output is not a terminal: printing the plain transcript; …"). The transcript itself goes
/// through `TerminalSafe.lines`: it quotes model and lesson files.
///
/// `starting` runs only when the full screen is about to open: background work that only the full
/// screen needs (the start screen's lesson read) is not started for a plain transcript.
func runTutor(_ app: App, options: DisplayOptions, starting: () -> Void = {}, plain: () -> String) throws {
    // --no-motion reaches every screen that animates (the lab and the lesson player's chain) as the environment switch.
    if options.noMotion { setenv("UNROLL_NO_MOTION", "1", 1) }
    var caps = TerminalCapabilities.detect()
    if options.ascii {
        caps.unicode = false
    }
    if options.plain || !caps.fullScreen {
        if !options.plain, let reason = caps.plainModeReason { printErrorLine(TutorFallback.notice(reason)) }
        printSafe(plain(), terminator: "")
        return
    }
    let code: Int32
    starting()
    do {
        code = try runFullScreen(app, capabilities: caps)
    } catch {
        printErrorLine("unroll: \(error.description): printing the plain transcript")
        printSafe(plain(), terminator: "")
        return
    }
    if code != 0 { throw ExitCode(code) }
}

/// What the tutor says when it prints the plain transcript instead of the full screen.
enum TutorFallback {
    /// One line naming the reason, e.g. "unroll: standard output is not a terminal: printing the
    /// plain transcript; run it in a terminal for the full-screen tutor".
    static func notice(_ reason: TerminalCapabilities.PlainModeReason) -> String {
        "unroll: \(reason.description): printing the plain transcript; run it in a terminal for the full-screen tutor"
    }
}
