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

/// Resolves and loads the models lessons name, only from the lessons folder's `models/`, and caches them.
///
/// A reference is a plain name (`book-lstm`): letters, digits, `-`, `_` and `.`, not starting with a dot.
/// It resolves to `models/NAME.json` or `models/NAME.model.json`; the file's real path (symbolic links
/// followed) must stay inside `models/`.
public final class ModelStore: Sendable {
    /// The models folder.
    public let directory: String
    private let cache = Mutex<[String: Result<RecurrentModel, ModelReferenceError>]>([:])

    public init(directory: String) {
        self.directory = directory
    }

    /// The store for the lessons in `lessonsDirectory` (its `models/` subfolder).
    public convenience init(lessonsDirectory: String) {
        self.init(directory: (lessonsDirectory as NSString).appendingPathComponent("models"))
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
    public var names: [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.compactMap { file -> String? in
            if file.hasSuffix(".model.json") { return String(file.dropLast(".model.json".count)) }
            if file.hasSuffix(".json") { return String(file.dropLast(".json".count)) }
            return nil
        }.sorted()
    }

    /// The file a plain name resolves to, if it exists inside the folder.
    public func path(of name: String) -> String? {
        guard Self.isPlainName(name) else { return nil }
        let root = URL(fileURLWithPath: directory).resolvingSymlinksInPath().standardizedFileURL.path
        for candidate in ["\(name).json", "\(name).model.json"] {
            let path = (directory as NSString).appendingPathComponent(candidate)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let real = URL(fileURLWithPath: path).resolvingSymlinksInPath().standardizedFileURL.path
            guard real.hasPrefix(root + "/") else { continue }
            return real
        }
        return nil
    }

    private func resolveAndLoad(_ name: String) -> Result<RecurrentModel, ModelReferenceError> {
        guard Self.isPlainName(name) else {
            return .failure(ModelReferenceError(kind: .refused,
                message: "model '\(name)' must be the plain name of a model in lessons/models/ (no paths, no '..')"))
        }
        guard let path = path(of: name) else {
            let known = names
            let list = known.isEmpty ? "none" : known.joined(separator: ", ")
            return .failure(ModelReferenceError(kind: .notFound,
                message: "no model named '\(name)' in lessons/models/\(Suggestion.hint(for: name, in: known)) (models: \(list))"))
        }
        do {
            return .success(try ModelFile.load(path: path))
        } catch {
            return .failure(ModelReferenceError(kind: .malformed, message: "model '\(name)' cannot be loaded: \(error)"))
        }
    }
}
