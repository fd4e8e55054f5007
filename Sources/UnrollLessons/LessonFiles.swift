import Foundation

/// Why a file of a lesson tree could not be read.
public struct LessonFileError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// No such file in the tree.
        case notFound
        /// The path is not a plain relative path, or a symbolic link leads outside the tree.
        case outside
        /// Larger than the reader's limit.
        case tooLarge
        /// It exists but cannot be read.
        case unreadable
    }
    public let kind: Kind
    public let message: String
    /// The file's size, when it is known (a file too large says how large).
    public var size: Int?
    public var description: String { message }

    public init(kind: Kind, message: String, size: Int? = nil) {
        self.kind = kind
        self.message = message
        self.size = size
    }
}

/// A tree of lesson files: lessons at its top, their models under `models/` (shaped ones under
/// `models/shapes/`). Paths are relative and `/`-separated; nothing outside the tree can be read.
///
/// Conformers: a folder on disk (`FolderLessonFiles`), the lessons compiled into the binary
/// (`EmbeddedLessonFiles`), and a teacher's folder laid over the shipped ones (`LayeredLessonFiles`).
public protocol LessonFiles: Sendable {
    /// The names of the regular files directly in `folder` ("" is the top), sorted.
    func names(in folder: String) -> [String]
    /// The bytes of the file at `path`, if it has at most `limit` bytes.
    func read(_ path: String, limit: Int) -> Result<Data, LessonFileError>
    /// How diagnostics name the file at `path`.
    func displayPath(_ path: String) -> String
    /// How messages name the tree ("lessons/ (built in)", a folder's path).
    var displayName: String { get }
}

extension LessonFiles {
    /// Whether the tree has a regular file at `path`.
    public func contains(_ path: String) -> Bool {
        let (folder, name) = LessonPath.split(path)
        return names(in: folder).contains(name)
    }
}

/// Plain relative paths: the only kind a lesson tree reads.
public enum LessonPath {
    /// Whether `path` is relative, `/`-separated, with no empty, `.` or `..` part and no control characters.
    public static func isPlain(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), path.utf8.count <= 1024 else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { part in
            !part.isEmpty && part != "." && part != ".." && !part.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
        }
    }

    /// `"models/x.json"` → `("models", "x.json")`; `"a.md"` → `("", "a.md")`.
    public static func split(_ path: String) -> (folder: String, name: String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[..<slash]), String(path[path.index(after: slash)...]))
    }

    /// `folder` and `name` joined with `/` (just `name` at the top).
    public static func join(_ folder: String, _ name: String) -> String {
        folder.isEmpty ? name : folder + "/" + name
    }
}

/// A lesson tree in a folder on disk. A symbolic link may point to another file in the same folder
/// of the tree (a lesson to a lesson, a model to a model), never out of it.
public struct FolderLessonFiles: LessonFiles {
    /// The folder, as given.
    public let directory: String

    public init(directory: String) {
        self.directory = directory
    }

    /// `path` with symbolic links resolved.
    private static func real(_ path: String) -> String {
        URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
    }

    public var displayName: String { directory }

    /// Whether the folder exists and can be listed.
    public var isReadable: Bool {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) != nil
    }

    public func names(in folder: String) -> [String] {
        guard folder.isEmpty || LessonPath.isPlain(folder) else { return [] }
        let path = folder.isEmpty ? directory : (directory as NSString).appendingPathComponent(folder)
        let listed = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
        return listed.filter { name in
            var isDirectory: ObjCBool = false
            let full = (path as NSString).appendingPathComponent(name)
            return !name.hasPrefix(".") && FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory) && !isDirectory.boolValue
        }.sorted()
    }

    public func read(_ path: String, limit: Int) -> Result<Data, LessonFileError> {
        guard LessonPath.isPlain(path) else {
            return .failure(LessonFileError(kind: .outside, message: "'\(path)' is not a plain path inside \(directory)"))
        }
        let full = (directory as NSString).appendingPathComponent(path)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: full, isDirectory: &isDirectory), !isDirectory.boolValue else {
            return .failure(LessonFileError(kind: .notFound, message: "no file \(full)"))
        }
        let home = Self.real((full as NSString).deletingLastPathComponent)
        let real = Self.real(full)
        guard real.hasPrefix(home + "/") else {
            let folder = (full as NSString).deletingLastPathComponent
            return .failure(LessonFileError(kind: .outside, message: "\(full) is a link that leads outside \(folder) (refused)"))
        }
        if let size = (try? FileManager.default.attributesOfItem(atPath: real))?[.size] as? NSNumber, size.intValue > limit {
            return .failure(LessonFileError(kind: .tooLarge, message: "\(full) is too large (\(size.intValue) bytes; at most \(limit))", size: size.intValue))
        }
        guard let handle = FileHandle(forReadingAtPath: real) else {
            return .failure(LessonFileError(kind: .unreadable, message: "cannot read \(full)"))
        }
        defer { try? handle.close() }
        // Read at most limit + 1 bytes: a file that grows while read is still refused, never slurped.
        guard let data = try? handle.read(upToCount: limit + 1) ?? Data() else {
            return .failure(LessonFileError(kind: .unreadable, message: "cannot read \(full)"))
        }
        guard data.count <= limit else {
            return .failure(LessonFileError(kind: .tooLarge, message: "\(full) is too large (more than \(limit) bytes)", size: data.count))
        }
        return .success(data)
    }

    public func displayPath(_ path: String) -> String {
        (directory as NSString).appendingPathComponent(path)
    }
}

/// The lesson tree compiled into the binary (`ShippedLessonFiles`), or any table of files.
public struct EmbeddedLessonFiles: LessonFiles {
    /// File bytes by relative path.
    private let files: [String: Data]
    /// File names by folder.
    private let folders: [String: [String]]

    /// A tree of `files` (relative path → bytes).
    public init(files: [String: Data]) {
        self.files = files
        var folders: [String: [String]] = [:]
        for path in files.keys {
            let (folder, name) = LessonPath.split(path)
            folders[folder, default: []].append(name)
        }
        self.folders = folders.mapValues { $0.sorted() }
    }

    /// A tree of base64-encoded files, as the build embeds them; an entry that does not decode is left out.
    public init(base64: [(path: String, contents: String)]) {
        var files: [String: Data] = [:]
        for (path, contents) in base64 {
            if let data = Data(base64Encoded: contents) { files[path] = data }
        }
        self.init(files: files)
    }

    public var displayName: String { "the built-in lessons" }

    public func names(in folder: String) -> [String] { folders[folder] ?? [] }

    public func read(_ path: String, limit: Int) -> Result<Data, LessonFileError> {
        guard let data = files[path] else {
            return .failure(LessonFileError(kind: .notFound, message: "no built-in file lessons/\(path)"))
        }
        guard data.count <= limit else {
            return .failure(LessonFileError(kind: .tooLarge, message: "lessons/\(path) is too large (\(data.count) bytes; at most \(limit))", size: data.count))
        }
        return .success(data)
    }

    public func displayPath(_ path: String) -> String { "lessons/" + path }
}

/// A teacher's folder laid over another tree (the shipped lessons): a file in the folder wins over the
/// file at the same path below, and files only in the folder are added beside the others.
public struct LayeredLessonFiles: LessonFiles {
    public let top: FolderLessonFiles
    public let base: any LessonFiles

    public init(top: FolderLessonFiles, base: any LessonFiles) {
        self.top = top
        self.base = base
    }

    public var displayName: String { "\(top.directory) over \(base.displayName)" }

    public func names(in folder: String) -> [String] {
        Array(Set(top.names(in: folder)).union(base.names(in: folder))).sorted()
    }

    public func read(_ path: String, limit: Int) -> Result<Data, LessonFileError> {
        let mine = top.read(path, limit: limit)
        if case let .failure(error) = mine, error.kind == .notFound { return base.read(path, limit: limit) }
        return mine
    }

    public func displayPath(_ path: String) -> String {
        top.contains(path) ? top.displayPath(path) : base.displayPath(path)
    }
}
