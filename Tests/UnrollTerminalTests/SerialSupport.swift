import Foundation
import Testing
import UnrollTUI
import UnrollTerminal

/// Tests that touch process-wide state (curses screens, the locale, signal handlers) nest in
/// this suite, which runs them one at a time. None calls `initscr`.
@Suite(.serialized) struct ProcessWide {}

/// A scratch directory and headless-session helpers.
struct Headless {
    let directory: URL

    init() throws {
        directory = FileManager.default.temporaryDirectory
            .appendingPathComponent("unroll-terminal-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    }

    var output: String { directory.appendingPathComponent("screen.out").path }

    /// A file holding `bytes`, for use as the session's input.
    func input(_ bytes: String) throws -> String {
        let path = directory.appendingPathComponent("input-\(UUID().uuidString)").path
        try Data(bytes.utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// Bytes in the output file so far.
    var outputSize: Int {
        ((try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? NSNumber)?.intValue ?? -1
    }

    static func capabilities(palette: Palette = .color256, unicode: Bool = true) -> TerminalCapabilities {
        TerminalCapabilities(fullScreen: true, palette: palette, unicode: unicode, terminalName: "xterm-256color")
    }

    func session(width: Int = 20, height: Int = 5, input: String = "/dev/null",
                 palette: Palette = .color256, unicode: Bool = true) throws -> TerminalSession {
        try TerminalSession(capabilities: Self.capabilities(palette: palette, unicode: unicode),
                            device: .headless(terminal: "xterm-256color", output: output, input: input,
                                              width: width, height: height))
    }

    func remove() { try? FileManager.default.removeItem(at: directory) }
}
