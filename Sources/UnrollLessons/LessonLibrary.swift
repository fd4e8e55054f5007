import Foundation
import UnrollCore

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

/// Every lesson in a lessons folder: each `*.md` directly in it except `README.md`, sorted by file name.
///
/// One broken file never hides the others: it becomes a broken entry with its first error. Only files
/// inside the folder are read (a symbolic link that leads outside is refused), and models come only
/// from its `models/` subfolder.
public struct LessonLibrary: Sendable {
    public let directory: String
    public let entries: [LessonEntry]
    public let models: ModelStore
    /// Runs the lessons' scenes (and caches the runs).
    public let runner: SceneRunner
    /// Set when the folder itself could not be listed.
    public let problem: String?

    /// Loads (parses) every lesson in `directory`.
    public static func load(directory: String) -> LessonLibrary {
        let models = ModelStore(lessonsDirectory: directory)
        let runner = SceneRunner(models: models)
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            return LessonLibrary(directory: directory, entries: [], models: models, runner: runner,
                                 problem: "cannot read the lessons folder \(directory)")
        }
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
        var entries: [LessonEntry] = []
        var seen: [String: String] = [:]
        for name in names.sorted() where isLessonFileName(name) {
            let path = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let id = LessonParser.defaultID(forFile: name)
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
            guard real.hasPrefix(root + "/") else {
                entries.append(LessonEntry(id: id, file: path, lesson: nil, diagnostics: [
                    Diagnostic(file: path, line: 1, column: 1, message: "lesson file leads outside the lessons folder (refused)"),
                ]))
                continue
            }
            let result = LessonParser.load(path: path)
            var diagnostics = result.diagnostics
            var lesson = result.lesson
            let lessonID = lesson?.id ?? id
            if let other = seen[lessonID] {
                diagnostics.insert(Diagnostic(file: path, line: 1, column: 1, message: "lesson id '\(lessonID)' is also used by \(other)"), at: 0)
                lesson = nil
            }
            seen[lessonID] = seen[lessonID] ?? path
            entries.append(LessonEntry(id: lessonID, file: path, lesson: lesson, diagnostics: diagnostics))
        }
        return LessonLibrary(directory: directory, entries: entries, models: models, runner: runner, problem: nil)
    }

    /// The shipped lessons (`$UNROLL_LESSONS`, `./lessons`, or beside the executable), if a folder is found.
    public static func shipped() -> LessonLibrary? {
        ModelLocator.lessonsDirectory().map { load(directory: $0) }
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
