import ArgumentParser
import Foundation
import UnrollLessons

/// `--lessons DIR`: a teacher's folder of lessons (and `models/`) laid over the built-in ones.
struct LessonSourceOptions: ParsableArguments {
    @Option(name: .customLong("lessons"), help: ArgumentHelp(
        "A folder of lesson files (and models/) laid over the built-in lessons (default: $UNROLL_LESSONS).",
        valueName: "dir"))
    var directory: String?

    /// Where this command's lessons and models come from.
    var source: LessonSource { LessonSource(folder: directory) }

    func validate() throws {
        if let problem = source.problem { throw ValidationError(problem) }
    }

    var files: any LessonFiles { source.files }
    func library() -> LessonLibrary { source.library() }
}

/// Where lessons and models come from: the ones compiled into the binary, with a teacher's folder
/// (`--lessons`, else `$UNROLL_LESSONS`) laid over them. A folder's lesson or model wins over a
/// built-in one with the same file name; the others are added beside them.
struct LessonSource {
    /// The folder laid over the built-in lessons, if any.
    let overlay: String?
    /// Whether the folder came from `--lessons` (else from the environment).
    let fromOption: Bool

    /// The source for a `--lessons` value (nil: `$UNROLL_LESSONS`, if set and not empty).
    init(folder: String? = nil, environment: [String: String] = ProcessInfo.processInfo.environment) {
        if let folder {
            overlay = folder
            fromOption = true
        } else {
            overlay = environment["UNROLL_LESSONS"].flatMap { $0.isEmpty ? nil : $0 }
            fromOption = false
        }
    }

    /// Why the folder cannot be used, if it cannot.
    var problem: String? {
        guard let overlay else { return nil }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: overlay, isDirectory: &isDirectory), isDirectory.boolValue else {
            return "\(fromOption ? "--lessons" : "UNROLL_LESSONS") '\(overlay)' is not a folder"
        }
        return nil
    }

    /// The lesson tree: the built-in lessons, with the folder laid over them.
    var files: any LessonFiles {
        guard let overlay else { return LessonLibrary.builtIn }
        return LayeredLessonFiles(top: FolderLessonFiles(directory: overlay), base: LessonLibrary.builtIn)
    }

    /// The models lessons and model arguments name.
    var models: ModelStore { ModelStore(files: files) }

    /// Every lesson, parsed.
    func library() -> LessonLibrary { LessonLibrary.load(files: files) }
}
