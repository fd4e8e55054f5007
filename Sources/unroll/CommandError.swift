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
func fail(_ command: String, _ message: String, code: Int32) -> ExitCode {
    let line = "unroll \(command): \(message)\n"
    FileHandle.standardError.write(Data(line.utf8))
    return ExitCode(code)
}

/// Prints a warning line on standard error; the command goes on.
func warn(_ command: String, _ message: String) {
    FileHandle.standardError.write(Data("unroll \(command): warning: \(message)\n".utf8))
}

/// Loads a model argument, turning format errors into exit 65 and missing files into 66.
func loadModel(_ argument: String, command: String, lessons: LessonSource = LessonSource()) throws -> RecurrentModel {
    do {
        return try ModelArgument.load(argument, from: lessons.models)
    } catch let e {
        throw fail(command, e.description, code: e.kind == .notFound ? Exit.noInput : Exit.dataError)
    }
}
