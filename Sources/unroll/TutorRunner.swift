import ArgumentParser
import UnrollApp
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
}

/// Runs a full-screen app, or prints its plain form when the terminal cannot show it.
func runTutor(_ app: App, options: DisplayOptions, plain: () -> String) throws {
    var caps = TerminalCapabilities.detect()
    if options.ascii {
        caps.unicode = false
    }
    if options.plain || !caps.fullScreen {
        print(plain(), terminator: "")
        return
    }
    let code: Int32
    do {
        code = try runFullScreen(app, capabilities: caps)
    } catch {
        print(plain(), terminator: "")
        return
    }
    if code != 0 { throw ExitCode(code) }
}
