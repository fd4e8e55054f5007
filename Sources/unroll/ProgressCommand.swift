import ArgumentParser
import Foundation
import UnrollCore
import UnrollLessons

/// `unroll progress`: shows (or with `--reset` clears) the self-study progress.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show your progress per lesson (step reached, answers), or clear it with --reset.",
        discussion: "Progress lives in $XDG_STATE_HOME/unroll/progress.json (default ~/.local/state/unroll); with --profile NAME in profiles/NAME/ there, one file per person on a shared login. Exit codes: 0 success, 64 bad profile name, 73 cannot write."
    )

    @Flag(help: "Delete the saved progress.")
    var reset = false

    @OptionGroup var source: LessonSourceOptions
    @OptionGroup var progress: ProgressOptions

    func run() throws {
        let store = try progress.store()
        if reset {
            do { try store.reset() } catch { throw fail("progress", "cannot delete \(store.path): \(error.localizedDescription)", code: 73) }
            print("progress cleared (\(store.path))")
            return
        }
        let loaded = store.load()
        if let notice = loaded.notice { printErrorLine("unroll progress: \(notice)") }
        let library: LessonLibrary? = source.library()
        if loaded.progress.lessons.isEmpty { print("no progress yet (\(store.path))") }
        for line in LessonListing.progressLines(loaded.progress, library: library) where !loaded.progress.lessons.isEmpty {
            print(TerminalSafe.line(line))
        }
    }
}
