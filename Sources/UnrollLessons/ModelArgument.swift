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
        try load(argument, from: store, hints: StateDictHints()).model
    }

    /// Loads `argument` as `load(_:from:)` does; a PyTorch `.pt`/`.safetensors` file takes `hints` (the
    /// command line's `--vocab`, `--head`, …) and may bring warnings (tensors it ignored) for standard error.
    public static func load(_ argument: String, from store: ModelStore, hints: StateDictHints) throws(ModelFileError) -> LoadedModel {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) {
            guard !isDirectory.boolValue else {
                throw ModelFileError(kind: .notFound, file: argument, key: nil, message: "is a folder, not a model file")
            }
            return try loadFile(argument, hints: hints)
        }
        guard ModelStore.isPlainName(argument) else {
            throw ModelFileError(kind: .notFound, file: argument, key: nil, message: "no such model file")
        }
        switch store.load(argument) {
        case let .success(model):
            return LoadedModel(model: model)
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

    /// `ModelFile.load`, for any kind of model file.
    static func loadFile(_ path: String, hints: StateDictHints) throws(ModelFileError) -> LoadedModel {
        try ModelFile.load(path: path, hints: hints)
    }
}
