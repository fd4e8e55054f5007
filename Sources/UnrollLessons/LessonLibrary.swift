import Foundation
import UnrollCore
import UnrollShippedLessons

/// One lesson file of a library: the lesson, or why it is broken.
public struct LessonEntry: Sendable {
    public let id: String
    /// The file's path, as diagnostics name it.
    public let file: String
    /// Nil when the file is broken.
    public let lesson: Lesson?
    /// Errors and warnings from parsing.
    public let diagnostics: [Diagnostic]

    public var isBroken: Bool { lesson == nil }
    /// The first error: what the start screen shows for a broken lesson.
    public var firstError: Diagnostic? { diagnostics.errors.first }
    /// The lesson's title, or its id when broken.
    public var title: String { lesson?.title ?? id }
}

/// Every lesson in a lesson tree: each `*.md` at its top except `README.md`, sorted by file name.
///
/// One broken file never hides the others: it becomes a broken entry with its first error. Only files
/// inside the tree are read (a symbolic link that leads outside is refused), and models come only
/// from its `models/` subfolder.
public struct LessonLibrary: Sendable {
    /// Where the lessons come from.
    public let files: any LessonFiles
    public let entries: [LessonEntry]
    public let models: ModelStore
    /// Runs the lessons' scenes (and caches the runs).
    public let runner: SceneRunner
    /// Set when the folder itself could not be listed.
    public let problem: String?

    /// How messages name the lessons' home: a folder's path, or the built-in lessons.
    public var directory: String { files.displayName }

    /// The lessons compiled into the binary (from the repository's `lessons/` at build time).
    public static let builtIn: EmbeddedLessonFiles = EmbeddedLessonFiles(base64: ShippedLessonFiles.base64)

    /// Loads (parses) every lesson in the folder `directory`.
    public static func load(directory: String) -> LessonLibrary {
        let folder = FolderLessonFiles(directory: directory)
        guard folder.isReadable else {
            return LessonLibrary(files: folder, entries: [], models: ModelStore(files: folder), runner: SceneRunner(models: ModelStore(files: folder)),
                                 problem: "cannot read the lessons folder \(directory)")
        }
        return load(files: folder)
    }

    /// Loads (parses) every lesson in `files`.
    public static func load(files: any LessonFiles) -> LessonLibrary {
        let models = ModelStore(files: files)
        let runner = SceneRunner(models: models)
        var entries: [LessonEntry] = []
        var seen: [String: String] = [:]
        for name in files.names(in: "") where isLessonFileName(name) {
            let file = files.displayPath(name)
            let id = LessonParser.defaultID(forFile: name)
            let result = LessonParser.load(files: files, path: name)
            var diagnostics = result.diagnostics
            var lesson = result.lesson
            let lessonID = lesson?.id ?? id
            if let other = seen[lessonID] {
                diagnostics.insert(Diagnostic(file: file, line: 1, column: 1, message: "lesson id '\(lessonID)' is also used by \(other)"), at: 0)
                lesson = nil
            }
            seen[lessonID] = seen[lessonID] ?? file
            entries.append(LessonEntry(id: lessonID, file: file, lesson: lesson, diagnostics: diagnostics))
        }
        return LessonLibrary(files: files, entries: entries, models: models, runner: runner, problem: nil)
    }

    /// The lessons a command offers: the built-in ones, with the folder `overlay` (from `--lessons` or
    /// `$UNROLL_LESSONS`) laid over them when given: its lessons and models win over built-in ones with
    /// the same file name, and the rest are added beside them.
    public static func shipped(overlay: String? = nil) -> LessonLibrary {
        guard let overlay, !overlay.isEmpty else { return load(files: builtIn) }
        let folder = FolderLessonFiles(directory: overlay)
        guard folder.isReadable else {
            return LessonLibrary(files: folder, entries: [], models: ModelStore(files: builtIn), runner: SceneRunner(models: ModelStore(files: builtIn)),
                                 problem: "cannot read the lessons folder \(overlay)")
        }
        return load(files: LayeredLessonFiles(top: folder, base: builtIn))
    }

    /// Whether a file name is a lesson: `*.md`, not `README.md`, not hidden.
    public static func isLessonFileName(_ name: String) -> Bool {
        name.hasSuffix(".md") && name.lowercased() != "readme.md" && !name.hasPrefix(".")
    }

    /// The entry with this lesson id.
    public func entry(id: String) -> LessonEntry? { entries.first { $0.id == id } }

    /// The working lesson with this id.
    public func lesson(id: String) -> Lesson? { entry(id: id)?.lesson }

    /// Every lesson id in the folder (broken ones too).
    public var ids: Set<String> { Set(entries.map(\.id)) }

    /// The working lessons.
    public var lessons: [Lesson] { entries.compactMap(\.lesson) }
}
