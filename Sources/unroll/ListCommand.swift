import ArgumentParser
import Foundation
import UnrollCore
import UnrollLessons

/// `unroll list`: the lessons, one a line.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons, one a line: id, title, minutes and steps (or BROKEN and the first error).",
        discussion: "Exit codes: 0 success, 64 bad command line (--lessons is not a folder), 66 the folder cannot be read."
    )

    @OptionGroup var source: LessonSourceOptions

    func run() throws {
        let library = source.library()
        if let problem = library.problem { throw fail("list", problem, code: Exit.noInput) }
        if library.entries.isEmpty { printErrorLine("unroll list: no lessons in \(library.directory)") }
        for line in LessonListing.lines(library) { print(TerminalSafe.line(line)) }
    }
}
