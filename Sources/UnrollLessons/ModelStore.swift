import Foundation
import Synchronization
import UnrollCore

/// Why a lesson's model reference was refused or could not be loaded.
public struct ModelReferenceError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Refused, missing or unreadable.
    public enum Kind: Sendable, Equatable {
        /// A path, not a plain name (`../../etc/passwd`): lessons read no file outside their folder.
        case refused
        case notFound
        case malformed
    }
    public let kind: Kind
    public let message: String
    public var description: String { message }
}

/// Resolves and loads the models lessons name, only from the lesson tree's `models/`, and caches them.
///
/// A reference is a plain name (`book-lstm`): letters, digits, `-`, `_` and `.`, not starting with a dot.
/// It resolves to `models/NAME.safetensors`, `NAME.pt` or `NAME.pth` (a PyTorch `state_dict`, whose
/// `NAME.json`, if any, is then its sidecar of header fields), else `models/NAME.json` or
/// `models/NAME.model.json`; in a folder, the file's real path (symbolic links followed) must stay inside it.
public final class ModelStore: Sendable {
    /// The tree the models come from (its `models/` folder).
    public let files: any LessonFiles
    /// The folder inside the tree: `models`.
    public let folder: String
    private let cache = Mutex<[String: Result<RecurrentModel, ModelReferenceError>]>([:])

    /// Model files larger than this are refused unread.
    public static let maxBytes = 64 << 20

    /// The store for the models in `folder` of `files`.
    public init(files: any LessonFiles, folder: String = "models") {
        self.files = files
        self.folder = folder
    }

    /// The store for the lessons folder `lessonsDirectory` (its `models/` subfolder).
    public convenience init(lessonsDirectory: String) {
        self.init(files: FolderLessonFiles(directory: lessonsDirectory))
    }

    /// Whether `name` is a plain model name (no path).
    public static func isPlainName(_ name: String) -> Bool {
        guard !name.isEmpty, name.count <= 100, !name.hasPrefix("."), !name.contains("..") else { return false }
        return name.unicodeScalars.allSatisfy { s in
            ("a"..."z").contains(s) || ("A"..."Z").contains(s) || ("0"..."9").contains(s) || s == "-" || s == "_" || s == "."
        }
    }

    /// The model named `name`, loaded once.
    public func load(_ name: String) -> Result<RecurrentModel, ModelReferenceError> {
        if let cached = cache.withLock({ $0[name] }) { return cached }
        let result = resolveAndLoad(name)
        cache.withLock { $0[name] = result }
        return result
    }

    /// The names of the models in the folder, sorted.
    public var names: [String] { Self.modelNames(files.names(in: folder)) }

    /// `x.json`, `x.model.json`, `x.safetensors`, `x.pt` and `x.pth` → `x`; other files are left out.
    static func modelNames(_ files: [String]) -> [String] {
        Array(Set(files.compactMap { file -> String? in
            for ext in [".model.json", ".json"] + ModelFileKind.stateDictExtensions where file.hasSuffix(ext) {
                return String(file.dropLast(ext.count))
            }
            return nil
        })).sorted()
    }

    /// The tree path a plain name resolves to, if such a file exists.
    public func path(of name: String) -> String? {
        guard Self.isPlainName(name) else { return nil }
        let present = Set(files.names(in: folder))
        let candidates = ModelFileKind.stateDictExtensions.map { name + $0 } + ["\(name).json", "\(name).model.json"]
        return candidates.first(where: present.contains).map { LessonPath.join(folder, $0) }
    }

    /// The bytes of the model file `name` resolves to, with the name to show in errors.
    public func data(of name: String) -> Result<(file: String, data: Data), ModelReferenceError> {
        guard Self.isPlainName(name) else {
            return .failure(ModelReferenceError(kind: .refused,
                message: "model '\(name)' must be the plain name of a model in lessons/\(folder)/ (no paths, no '..')"))
        }
        guard let path = path(of: name) else {
            let known = names
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return .failure(ModelReferenceError(kind: .notFound,
                message: "no model named '\(name)' in lessons/\(folder)/\(Suggestion.hint(for: name, in: known)) (models: \(list))"))
        }
        switch files.read(path, limit: Self.maxBytes) {
        case let .success(data):
            return .success((files.displayPath(path), data))
        case let .failure(error):
            switch error.kind {
            case .outside:
                return .failure(ModelReferenceError(kind: .refused, message: "model '\(name)': \(error.message)"))
            case .notFound:
                return .failure(ModelReferenceError(kind: .notFound, message: "model '\(name)': \(error.message)"))
            case .tooLarge, .unreadable:
                return .failure(ModelReferenceError(kind: .malformed, message: "model '\(name)' cannot be loaded: \(error.message)"))
            }
        }
    }

    private func resolveAndLoad(_ name: String) -> Result<RecurrentModel, ModelReferenceError> {
        data(of: name).flatMap { found in
            do {
                let kind = ModelFileKind(path: found.file)
                var sidecar: (file: String, data: Data)?
                if kind.isStateDict, Set(files.names(in: folder)).contains("\(name).json"),
                   case let .success(bytes) = files.read(LessonPath.join(folder, "\(name).json"), limit: Self.maxBytes) {
                    sidecar = (files.displayPath(LessonPath.join(folder, "\(name).json")), bytes)
                }
                return .success(try ModelFile.decode(found.data, file: found.file, kind: kind, sidecar: sidecar).model)
            } catch {
                return .failure(ModelReferenceError(kind: .malformed, message: "model '\(name)' cannot be loaded: \(error)"))
            }
        }
    }
}
