import Foundation

/// The kinds of model file Unroll reads, told apart by the name's extension.
public enum ModelFileKind: String, Sendable, CaseIterable {
    /// `unroll-model` JSON (`.json`, and any other extension).
    case json
    /// `torch.save(model.state_dict(), "m.pt")`: `.pt` or `.pth`.
    case torch
    /// `safetensors.torch.save_file(…)`: `.safetensors`.
    case safetensors

    /// The kind a file name's extension says.
    public init(path: String) {
        let lower = path.lowercased()
        if lower.hasSuffix(".pt") || lower.hasSuffix(".pth") { self = .torch }
        else if lower.hasSuffix(".safetensors") { self = .safetensors }
        else { self = .json }
    }

    /// Whether the file is a PyTorch `state_dict` (the header fields then come from elsewhere).
    public var isStateDict: Bool { self != .json }

    /// The extensions of the state-dict kinds, for finding a lesson model by name.
    public static let stateDictExtensions = [".safetensors", ".pt", ".pth"]

    /// `NAME.json` beside `NAME.pt` / `NAME.safetensors`: the sidecar of header fields.
    public static func sidecarPath(of path: String) -> String {
        let url = URL(fileURLWithPath: path)
        let base = url.deletingPathExtension().lastPathComponent + ".json"
        let folder = (path as NSString).deletingLastPathComponent
        return folder.isEmpty ? base : (folder as NSString).appendingPathComponent(base)
    }
}

/// A model loaded from a file, with the warnings the load produced (tensors ignored, …) for standard error.
public struct LoadedModel: Sendable {
    public let model: RecurrentModel
    public let warnings: [String]

    public init(model: RecurrentModel, warnings: [String] = []) {
        self.model = model
        self.warnings = warnings
    }
}

extension ModelFile {
    /// The largest sidecar `NAME.json` read (16 MiB: a vocabulary of a million words fits).
    public static let maxSidecarBytes = 16 << 20

    /// Loads any accepted model file: JSON, a PyTorch `.pt`/`.pth` or a `.safetensors` file (with its
    /// sidecar `NAME.json`, if present, and `hints` from the command line).
    public static func load(path: String, hints: StateDictHints) throws(ModelFileError) -> LoadedModel {
        let kind = ModelFileKind(path: path)
        let data = try ModelFileLimits.read(path: path)
        var sidecar: (file: String, data: Data)?
        if kind.isStateDict {
            let side = ModelFileKind.sidecarPath(of: path)
            // A sidecar holds header fields; a NAME.json over `maxSidecarBytes` is a whole model file, not read.
            if let size = (try? FileManager.default.attributesOfItem(atPath: side))?[.size] as? Int, size <= maxSidecarBytes {
                sidecar = (side, try ModelFileLimits.read(path: side))
            }
        }
        return try decode(data, file: path, kind: kind, sidecar: sidecar, hints: hints)
    }

    /// Decodes the bytes of a model file of `kind`; `file` names it in errors.
    public static func decode(_ data: Data, file: String, kind: ModelFileKind, sidecar: (file: String, data: Data)? = nil,
                              hints: StateDictHints = StateDictHints()) throws(ModelFileError) -> LoadedModel {
        switch kind {
        case .json:
            do { return LoadedModel(model: try decode(data, file: file)) } catch let e as ModelFileError { throw e } catch {
                throw ModelFileError(kind: .malformed, file: file, key: nil, message: "\(error)")
            }
        case .torch, .safetensors:
            let tensors = kind == .torch ? try TorchZip.read(data, file: file) : try SafeTensors.read(data, file: file)
            let found = try StateDictModel(tensors, sidecar: sidecar, hints: hints)
            return LoadedModel(model: try found.model(), warnings: found.warnings)
        }
    }
}
