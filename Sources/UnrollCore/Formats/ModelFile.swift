import Foundation

/// Why a model file was refused: the file, the key and what was expected.
public struct ModelFileError: Error, Equatable, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// The file or model name does not exist (exit 66).
        case notFound
        /// The file breaks a rule of the format (exit 65).
        case malformed
    }
    public let kind: Kind
    public let file: String
    /// The offending key, as a path (`state_dict.weight_ih_l0`), or nil for the whole file.
    public let key: String?
    public let message: String

    public init(kind: Kind, file: String, key: String?, message: String) {
        self.kind = kind
        self.file = file
        self.key = key
        self.message = message
    }

    public var description: String {
        if let key { return "\(file): \(key): \(message)" }
        return "\(file): \(message)"
    }
}

/// Reads and writes model files (`unroll-model`, version 1: PyTorch `state_dict` layout).
public enum ModelFile {
    /// Loads and validates a model file.
    public static func load(path: String) throws -> RecurrentModel {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ModelFileError(kind: .notFound, file: path, key: nil, message: "no such model file")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ModelFileError(kind: .notFound, file: path, key: nil, message: "cannot read the file")
        }
        return try decode(data, file: path)
    }

    /// Decodes and validates model JSON; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> RecurrentModel {
        func fail(_ key: String?, _ message: String) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: key, message: message)
        }
        let root: JSONValue
        do { root = try JSONValue.parse(data) } catch {
            throw fail(nil, "not valid JSON (\(shortReason(error)))")
        }
        guard case .object = root else { throw fail(nil, "expected a JSON object, got \(root.typeName)") }
        // Keys the format does not define (notes, provenance, …) are ignored: only the rules of
        // model-format.md refuse a file. A shaped network (ShapedModelFile) is not a single layer.
        if let layers = root["num_layers"], layers != .number(1) {
            throw fail("num_layers", "expected 1: this reader takes one recurrent layer (stacked models: see ShapedModelFile)")
        }
        if let both = root["bidirectional"], both != .bool(false) {
            throw fail("bidirectional", "expected false: this reader takes one direction (bidirectional models: see ShapedModelFile)")
        }
        if root["shape"] != nil { throw fail("shape", "not part of the single-layer format (see ShapedModelFile)") }
        guard let format = root["format"] else { throw fail("format", "missing (expected \"unroll-model\")") }
        guard format == .string("unroll-model") else { throw fail("format", "expected \"unroll-model\"") }
        guard let version = root["version"] else { throw fail("version", "missing (expected 1)") }
        guard version == .number(1) else { throw fail("version", "expected 1") }
        guard let cellValue = root["cell"] else { throw fail("cell", "missing (expected \"rnn\", \"lstm\" or \"gru\")") }
        guard case let .string(cellName) = cellValue, let kind = CellKind(rawValue: cellName) else {
            throw fail("cell", "expected \"rnn\", \"lstm\" or \"gru\"")
        }
        var nonlinearity = Nonlinearity.tanh
        if let nl = root["nonlinearity"] {
            guard case let .string(s) = nl, let v = Nonlinearity(rawValue: s) else {
                throw fail("nonlinearity", "expected \"tanh\" or \"relu\"")
            }
            guard kind == .rnn || v == .tanh else { throw fail("nonlinearity", "only an rnn takes a nonlinearity") }
            nonlinearity = v
        }
        func positiveInt(_ key: String) throws -> Int {
            guard let v = root[key] else { throw fail(key, "missing (expected an integer ≥ 1)") }
            guard case let .number(d) = v, d.isFinite, d == d.rounded(), d >= 1, d <= 1_000_000 else {
                throw fail(key, "expected an integer ≥ 1")
            }
            return Int(d)
        }
        let I = try positiveInt("input_size")
        let H = try positiveInt("hidden_size")
        func strings(_ key: String) throws -> [String]? {
            guard let v = root[key] else { return nil }
            guard case let .array(items) = v else { throw fail(key, "expected an array of strings") }
            return try items.enumerated().map { k, item in
                guard case let .string(s) = item else { throw fail("\(key)[\(k)]", "expected a string, got \(item.typeName)") }
                return s
            }
        }
        let vocab = try strings("vocab")
        if let vocab {
            var seen = Set<String>()
            for (k, w) in vocab.enumerated() {
                guard !w.isEmpty else { throw fail("vocab[\(k)]", "expected a non-empty word") }
                guard !seen.contains(w) else { throw fail("vocab[\(k)]", "duplicate entry \"\(w)\" (vocab entries must be distinct)") }
                guard w != "?" else { throw fail("vocab[\(k)]", "\"?\" is reserved for unknown steps") }
                guard !w.contains(where: \.isWhitespace) else { throw fail("vocab[\(k)]", "a word may not contain white space") }
                seen.insert(w)
            }
            guard vocab.count == I else { throw fail("vocab", "has \(vocab.count) entries, expected input_size = \(I)") }
        }
        let hiddenLabels = try strings("hidden_labels")
        if let hiddenLabels, hiddenLabels.count != H {
            throw fail("hidden_labels", "has \(hiddenLabels.count) entries, expected hidden_size = \(H)")
        }
        func optionalString(_ key: String) throws -> String? {
            guard let v = root[key] else { return nil }
            guard case let .string(s) = v else { throw fail(key, "expected a string") }
            return s
        }
        let name = try optionalString("name")
        let description = try optionalString("description")

        guard let sdValue = root["state_dict"] else { throw fail("state_dict", "missing (expected an object of tensors)") }
        guard case let .object(sd) = sdValue else { throw fail("state_dict", "expected an object of tensors") }
        let GH = kind.gateCount * H
        let allowed: Set<String> = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0", "head.weight", "head.bias"]
        for (key, _) in sd where !allowed.contains(key) {
            throw fail("state_dict.\(key)", "unknown parameter (expected \(allowed.sorted().joined(separator: ", ")))")
        }
        let reader = TensorReader(file: file, stateDict: sd)
        func matrix(_ key: String, rows: Int?, cols: Int) throws -> [Double]? { try reader.matrix(key, rows: rows, cols: cols) }
        func vector(_ key: String, count: Int?) throws -> [Double]? { try reader.vector(key, count: count) }
        guard let wih = try matrix("weight_ih_l0", rows: GH, cols: I) else {
            throw fail("state_dict.weight_ih_l0", "missing (expected \(GH) × \(I))")
        }
        guard let whh = try matrix("weight_hh_l0", rows: GH, cols: H) else {
            throw fail("state_dict.weight_hh_l0", "missing (expected \(GH) × \(H))")
        }
        let bih = try vector("bias_ih_l0", count: GH) ?? [Double](repeating: 0, count: GH)
        let bhh = try vector("bias_hh_l0", count: GH) ?? [Double](repeating: 0, count: GH)
        let headW = try matrix("head.weight", rows: nil, cols: H)
        if let headW, headW.isEmpty { throw fail("state_dict.head.weight", "expected at least one row of \(H) numbers") }
        let O = headW.map { $0.count / H }
        let headB = try vector("head.bias", count: O ?? nil)
        if headB != nil && headW == nil { throw fail("state_dict.head.bias", "given without head.weight") }

        var model = RecurrentModel(kind: kind, inputSize: I, hiddenSize: H, outputSize: O, hasHead: headW != nil,
                                   nonlinearity: nonlinearity, vocab: vocab)
        let L = model.layout
        model.parameters.replaceSubrange(L.weightIH..<(L.weightIH + wih.count), with: wih)
        model.parameters.replaceSubrange(L.weightHH..<(L.weightHH + whh.count), with: whh)
        model.parameters.replaceSubrange(L.biasIH..<(L.biasIH + GH), with: bih)
        model.parameters.replaceSubrange(L.biasHH..<(L.biasHH + GH), with: bhh)
        if let headW, let O {
            model.parameters.replaceSubrange(L.headWeight..<(L.headWeight + headW.count), with: headW)
            let hb = headB ?? [Double](repeating: 0, count: O)
            model.parameters.replaceSubrange(L.headBias..<(L.headBias + O), with: hb)
        }
        model.hiddenLabels = hiddenLabels
        model.name = name
        model.description = description
        return model
    }

    /// The model as a JSON value in the file format.
    public static func encode(_ model: RecurrentModel) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string("unroll-model")), ("version", .number(1)), ("cell", .string(model.kind.rawValue)),
        ]
        if model.kind == .rnn { members.append(("nonlinearity", .string(model.nonlinearity.rawValue))) }
        members.append(("input_size", .number(Double(model.inputSize))))
        members.append(("hidden_size", .number(Double(model.hiddenSize))))
        if let vocab = model.vocab { members.append(("vocab", .array(vocab.map { .string($0) }))) }
        if let name = model.name { members.append(("name", .string(name))) }
        if let d = model.description { members.append(("description", .string(d))) }
        if let labels = model.hiddenLabels { members.append(("hidden_labels", .array(labels.map { .string($0) }))) }
        members.append(("state_dict", tensors(model.parameters, layout: model.layout)))
        return .object(members)
    }

    /// A flat parameter-shaped vector (parameters or gradients) as a `state_dict` object.
    public static func tensors(_ values: [Double], layout: ParameterLayout) -> JSONValue {
        .object(layout.tensors.map { t in
            if let cols = t.columns {
                return (t.name, .array((0..<t.rows).map { r in .numbers(values[(t.offset + r * cols)..<(t.offset + (r + 1) * cols)]) }))
            }
            return (t.name, .numbers(values[t.offset..<(t.offset + t.rows)]))
        })
    }

    /// Writes the model file atomically.
    public static func save(_ model: RecurrentModel, to path: String) throws {
        let text = encode(model).serialized(indent: 1) + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    private static func shortReason(_ error: Error) -> String {
        if let e = error as? DecodingError {
            switch e {
            case let .dataCorrupted(ctx): return ctx.underlyingError.map { "\($0)" }.flatMap { $0.isEmpty ? nil : String($0.prefix(120)) } ?? ctx.debugDescription
            default: return "\(e)".prefix(120).description
            }
        }
        return "\(error)".prefix(120).description
    }
}
