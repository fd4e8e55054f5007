import ArgumentParser
import UnrollApp
import Foundation
import UnrollCore
import UnrollLessons

/// `unroll lint`: checks lessons end to end and prints `file:line:column: message` per problem.
struct LintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lint",
        abstract: "Check lessons: parse them, run every scene on the core, evaluate every check and question.",
        discussion: """
        PATH is a lesson file or a folder of lessons (default: every built-in lesson). A folder is checked as \
        `unroll --lessons DIR` shows it: its lessons may use the built-in models and name built-in lessons. Prints one line per problem, \
        file:line:column: message, and a summary on standard error. Exit codes: 0 no errors (warnings allowed), \
        1 problems found. The format is documented in lessons/README.md.
        """
    )

    @Argument(help: "Lesson files or folders (default: the shipped lessons).")
    var paths: [String] = []

    func run() throws {
        // Fit is judged by the real player: each step drawn at 80×24, every panel looked for.
        var options = Linter.Options()
        options.stepFit = { lesson, step, runner in LessonFit.problem(lesson, step: step, runner: runner) }
        // A teacher's folder is linted as the tutor shows it: over the built-in lessons and models.
        options.base = LessonLibrary.builtIn
        let linter = Linter(options: options)
        let report = paths.isEmpty ? linter.lint(library: LessonLibrary.load(files: LessonLibrary.builtIn)) : linter.lint(paths: paths)
        for diagnostic in report.diagnostics { print(TerminalSafe.line(diagnostic.description)) }
        fflush(nil)
        printErrorLine("unroll lint: \(report.summary)")
        if !report.isClean { throw ExitCode(1) }
    }
}
