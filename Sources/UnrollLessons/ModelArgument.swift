import Foundation
import UnrollCore

/// A model named on the command line or by the start screen: a model file's path, or the plain name
/// of a model in the lessons' `models/` (built in, or a teacher's folder laid over them).
public enum ModelArgument {
    /// Loads `argument`: an existing file as given, else the model of that name in `store`.
    ///
    /// A missing model is a `.notFound` error naming it and the models there are; a broken one is
    /// `.malformed`, naming the file and key.
    public static func load(_ argument: String, from store: ModelStore) throws(ModelFileError) -> RecurrentModel {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw ModelFileError(kind: .notFound, file: argument, key: nil, message: "is a folder, not a model file")
            }
            return try loadFile(argument)
        }
        guard ModelStore.isPlainName(argument) else {
            throw ModelFileError(kind: .notFound, file: argument, key: nil, message: "no such model file")
        }
        switch store.load(argument) {
        case let .success(model):
            return model
        case let .failure(error):
            switch error.kind {
            case .notFound:
                let known = store.names
                throw ModelFileError(kind: .notFound, file: argument, key: nil,
                                     message: "no such model file or shipped model name\(Suggestion.hint(for: argument, in: known)) (shipped: \(known.joined(separator: ", ")))")
            case .refused, .malformed:
                throw ModelFileError(kind: .malformed, file: argument, key: nil, message: error.message)
            }
        }
    }

    /// `ModelFile.load`, with any other error it may raise reported as a malformed file.
    static func loadFile(_ path: String) throws(ModelFileError) -> RecurrentModel {
        do {
            return try ModelFile.load(path: path)
        } catch let error as ModelFileError {
            throw error
        } catch {
            throw ModelFileError(kind: .malformed, file: path, key: nil, message: "\(error)")
        }
    }
}
