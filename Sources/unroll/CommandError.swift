import ArgumentParser
import Foundation
import UnrollCore
import UnrollLessons

/// Exit codes shared by the commands (sysexits.h).
enum Exit {
    static let usage: Int32 = 64
    static let dataError: Int32 = 65
    static let noInput: Int32 = 66
}

/// Prints one line on standard error and returns the exit code to throw.
///
/// The message is made terminal-safe (`TerminalSafe.line`): it often quotes a file's text or a
/// path, and an escape sequence in either must not reach the terminal, nor a newline split it.
func fail(_ command: String, _ message: String, code: Int32) -> ExitCode {
    Warnings.discard()
    printErrorLine("unroll \(command): \(message)")
    return ExitCode(code)
}

/// Writes `line` (made terminal-safe) and a newline on standard error.
func printErrorLine(_ line: String) {
    FileHandle.standardError.write(Data((TerminalSafe.line(line) + "\n").utf8))
}

/// Queues a warning line for standard error; the command goes on, and the warnings print when
/// it ends well (a failing command prints only its one error line).
func warn(_ command: String, _ message: String) {
    Warnings.add("unroll \(command): warning: \(message)")
}

/// The warnings of this run, printed by `Invocation` after the command returns.
enum Warnings {
    nonisolated(unsafe) private static var pending: [String] = []

    static func add(_ line: String) { pending.append(line) }

    /// Prints the queued warnings on standard error, once.
    static func flush() {
        for line in pending { printErrorLine(line) }
        pending = []
    }

    /// Drops the queued warnings (the command failed: its one error line is what counts).
    static func discard() { pending = [] }
}

/// Writes `text` to standard output with every control character but newline and tab made
/// visible: what reaches a terminal from a file (lesson titles, lint diagnostics, progress) never
/// carries an escape sequence.
func printSafe(_ text: String, terminator: String = "\n") {
    print(TerminalSafe.lines(text), terminator: terminator)
}

/// Loads a model argument, turning format errors into exit 65 and missing files into 66.
///
/// `stateDict` holds the command line's hints for a PyTorch `.pt`/`.safetensors` file; given for any
/// other model they are a usage error (exit 64). The load's warnings (tensors ignored) go to standard error.
func loadModel(_ argument: String, command: String, lessons: LessonSource = LessonSource(),
               stateDict: StateDictOptions? = nil) throws -> RecurrentModel {
    let hints = stateDict?.hints ?? StateDictHints()
    if let stateDict, !hints.isEmpty,
       !(ModelFileKind(path: argument).isStateDict && FileManager.default.fileExists(atPath: argument)) {
        throw fail(command, "\(stateDict.given.joined(separator: ", ")) applies to a PyTorch .pt/.pth/.safetensors model file, not to \(TerminalSafe.line(argument))", code: Exit.usage)
    }
    do {
        let loaded = try ModelArgument.load(argument, from: lessons.models, hints: hints)
        for line in loaded.warnings { warn(command, line) }
        return loaded.model
    } catch let e {
        throw fail(command, e.description, code: e.kind == .notFound ? Exit.noInput : Exit.dataError)
    }
}
