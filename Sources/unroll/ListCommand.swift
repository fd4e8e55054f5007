import ArgumentParser
import Foundation
import UnrollCore
import UnrollLessons

/// `unroll list`: the lessons, one a line.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the lessons, one a line: id, title, minutes and steps (or BROKEN and the first error).",
        discussion: "Exit codes: 0 success, 66 no lessons folder."
    )

    @Option(help: "A lessons folder (default: the shipped lessons).")
    var lessons: String?

    func run() throws {
        guard let directory = lessons ?? ModelLocator.lessonsDirectory() else {
            throw fail("list", "no lessons folder found (set UNROLL_LESSONS or run from the package root)", code: Exit.noInput)
        }
        let library = LessonLibrary.load(directory: directory)
        if let problem = library.problem { throw fail("list", problem, code: Exit.noInput) }
        if library.entries.isEmpty { printErrorLine("unroll list: no lessons in \(directory)") }
        for line in LessonListing.lines(library) { print(TerminalSafe.line(line)) }
    }
}
