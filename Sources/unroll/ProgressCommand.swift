import ArgumentParser
import Foundation
import UnrollCore
import UnrollLessons

/// `unroll progress`: shows (or with `--reset` clears) the self-study progress.
struct ProgressCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "progress",
        abstract: "Show your progress per lesson (step reached, answers), or clear it with --reset.",
        discussion: "Progress lives in $XDG_STATE_HOME/unroll/progress.json (default ~/.local/state/unroll). Exit codes: 0 success, 73 cannot write."
    )

    @Flag(help: "Delete the saved progress.")
    var reset = false

    @OptionGroup var source: LessonSourceOptions

    func run() throws {
        let store = ProgressStore()
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
