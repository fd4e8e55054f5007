import Foundation

/// A network of one of the shapes beyond a single layer: a stack (`num_layers` ≥ 2), a bidirectional
/// network, both, or an encoder–decoder. A plain single-layer model loads as a one-layer stack.
public enum ShapedModel: Sendable, Equatable {
    case stacked(StackedRNN)
    case encoderDecoder(EncoderDecoder)

    public var name: String? {
        switch self {
        case let .stacked(m): return m.name
        case let .encoderDecoder(m): return m.name
        }
    }

    public var description: String? {
        switch self {
        case let .stacked(m): return m.description
        case let .encoderDecoder(m): return m.description
        }
    }

    /// Every tensor in `state_dict` order.
    public var tensors: [ParameterLayout.Tensor] {
        switch self {
        case let .stacked(m): return m.tensors
        case let .encoderDecoder(m): return m.tensors
        }
    }

    /// Every parameter in `tensors` order.
    public var parameters: [Double] {
        switch self {
        case let .stacked(m): return m.parameters
        case let .encoderDecoder(m): return m.parameters
        }
    }
}

/// Reads and writes model files of the shaped networks: the `unroll-model` format (version 1) with
/// PyTorch's names for the extra layers and directions, plus an encoder–decoder form.
///
/// **Stacked and bidirectional** (as `nn.RNN/LSTM/GRU(num_layers=L, bidirectional=B)`): the single-layer
/// fields plus `"num_layers": L` (integer 1…16, default 1) and/or `"bidirectional": true` (default false).
/// `state_dict` holds, for every layer l and direction (suffix `""` or `"_reverse"`), `weight_ih_l{l}{sfx}`
/// (G·H × I for l = 0, G·H × D·H above, D = 2 when bidirectional), `weight_hh_l{l}{sfx}` (G·H × H),
/// optional `bias_ih_l{l}{sfx}` and `bias_hh_l{l}{sfx}` (G·H, zeros when absent); optional `head.weight`
/// (O × D·H, reading [h_fwd_t ; h_bwd_t]) and `head.bias` (O). `hidden_labels` name the H units of each
/// layer and direction.
///
/// **Encoder–decoder**: `"shape": "encoder-decoder"`, `cell`, `hidden_size`, optional `num_layers`,
/// `input_size` and `vocab` for the encoder's inputs, optional `decoder_input_size` (default: `input_size`)
/// and `decoder_vocab` for the decoder's inputs (naming the outputs too when O equals their count).
/// `state_dict`: `encoder.weight_ih_l0` (G·H × I), `encoder.weight_hh_l0`, optional `encoder.bias_*`,
/// the same under `decoder.` (`decoder.weight_ih_l0` is G·H × decoder_input_size), and `head.*` (O × H)
/// on the decoder. Not bidirectional.
///
/// A file with none of `num_layers`, `bidirectional`, `shape` is a single-layer file and is read by
/// `ModelFile` itself (same rules, same messages). A broken file is refused naming the file, the key
/// and what was expected, as `ModelFile` does.
public enum ShapedModelFile {
    /// The keys that make a file shaped.
    static let shapeKeys: Set<String> = ["num_layers", "bidirectional", "shape", "decoder_input_size", "decoder_vocab"]

    /// Loads and validates a model file of any shape.
    public static func load(path: String) throws -> ShapedModel {
        try decode(try ModelFileLimits.read(path: path), file: path)
    }

    /// Decodes and validates model JSON of any shape; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> ShapedModel {
        let reader = Reader(file: file)
        let root: JSONNode
        do { root = try JSONReader.parse(data) } catch { throw ModelFileError(file: file, syntax: error) }
        guard case let .object(members) = root else { throw reader.fail(nil, "expected a JSON object, found \(root.typeName)") }
        if !members.contains(where: { shapeKeys.contains($0.key) }) {
            return .stacked(StackedRNN(try ModelFile.decode(root, file: file)))
        }
        var encoderDecoder = false
        if let shape = root["shape"] {
            guard shape == .string("encoder-decoder") else {
                throw reader.fail("shape", "expected \"encoder-decoder\" (stacks and bidirectional networks are given by num_layers and bidirectional)")
            }
            encoderDecoder = true
        }
        var known: Set<String> = ["format", "version", "cell", "nonlinearity", "input_size", "hidden_size", "num_layers", "vocab",
                                  "name", "description", "hidden_labels", "state_dict"]
        known.formUnion(encoderDecoder ? ["shape", "decoder_input_size", "decoder_vocab"] : ["bidirectional"])
        for member in members where !known.contains(member.key) {
            let key = member.key
            if !encoderDecoder && (key == "decoder_input_size" || key == "decoder_vocab") {
                throw reader.fail(key, "only an encoder–decoder (\"shape\": \"encoder-decoder\") has a decoder")
            }
            if encoderDecoder && key == "bidirectional" {
                throw reader.fail(key, "an encoder–decoder reads in one direction (leave bidirectional out)")
            }
            throw reader.fail(JSONReader.printable(key), "unknown key (expected one of \(known.sorted().joined(separator: ", ")))")
        }
        try reader.header(root)
        let kind = try reader.cell(root)
        let nonlinearity = try reader.nonlinearity(root, kind: kind)
        let I = try reader.positiveInt(root, "input_size")
        let H = try reader.positiveInt(root, "hidden_size")
        var L = 1
        if root["num_layers"] != nil {
            L = try reader.positiveInt(root, "num_layers")
            guard L <= 16 else { throw reader.fail("num_layers", "expected an integer 1…16, found \(L)") }
        }
        var bidirectional = false
        if let b = root["bidirectional"] {
            guard case let .bool(v) = b else { throw reader.fail("bidirectional", "expected true or false, found \(ModelFile.describe(b))") }
            bidirectional = v
        }
        let vocab = try reader.vocab(root, "vocab", size: I, sizeKey: "input_size")
        let hiddenLabels = try reader.strings(root, "hidden_labels")
        if let hiddenLabels, hiddenLabels.count != H {
            throw reader.fail("hidden_labels", "has \(hiddenLabels.count) entries, expected hidden_size = \(H)")
        }
        let name = try reader.optionalString(root, "name")
        let description = try reader.optionalString(root, "description")
        guard let sdValue = root["state_dict"] else { throw reader.fail("state_dict", "missing (expected an object of tensors)") }
        guard case let .object(sd) = sdValue else { throw reader.fail("state_dict", "expected an object of tensors, found \(sdValue.typeName)") }
        reader.stateDict = sd
        let GH = kind.gateCount * H

        if encoderDecoder {
            let J = root["decoder_input_size"] != nil ? try reader.positiveInt(root, "decoder_input_size") : I
            let decoderVocab = try reader.vocab(root, "decoder_vocab", size: J, sizeKey: "decoder_input_size")
            // Before the network (and its zero parameters) is made: the sizes fit the cap and the data.
            let weights = GH * (I + H) + GH * (J + H) + 2 * (L - 1) * GH * (2 * H)
            try ModelFile.checkParameterCount(weights + 4 * L * GH, file: file)
            try reader.requireWeights(prefix: "encoder.", layers: L, directions: 1, inputSize: I, hiddenSize: H, gateRows: GH)
            try reader.requireWeights(prefix: "decoder.", layers: L, directions: 1, inputSize: J, hiddenSize: H, gateRows: GH)
            let headW = try reader.head(prefix: "", columns: H)
            var model = EncoderDecoder(kind: kind, inputSize: I, decoderInputSize: J, hiddenSize: H, numLayers: L,
                                       outputSize: headW?.rows, hasHead: headW != nil, nonlinearity: nonlinearity,
                                       vocab: vocab, decoderVocab: decoderVocab)
            var expected = model.tensors.map(\.name)
            if headW == nil { expected += ["head.weight", "head.bias"] }
            try reader.refuseUnknown(expected: expected)
            model.encoder = try reader.fill(model.encoder, prefix: "encoder.")
            model.decoder = try reader.fill(model.decoder, prefix: "decoder.")
            if let headW { model.decoder.head = try reader.readHead(headW, columns: H) }
            model.encoder.hiddenLabels = hiddenLabels
            model.decoder.hiddenLabels = hiddenLabels
            model.name = name
            model.description = description
            return .encoderDecoder(model)
        }

        let D = bidirectional ? 2 : 1
        let weights = D * (GH * (I + H) + (L - 1) * GH * (D * H + H))
        try ModelFile.checkParameterCount(weights + 2 * D * L * GH, file: file)
        try reader.requireWeights(prefix: "", layers: L, directions: D, inputSize: I, hiddenSize: H, gateRows: GH)
        let headW = try reader.head(prefix: "", columns: D * H)
        var model = StackedRNN(kind: kind, inputSize: I, hiddenSize: H, numLayers: L, bidirectional: bidirectional,
                               outputSize: headW?.rows, hasHead: headW != nil, nonlinearity: nonlinearity, vocab: vocab)
        var expected = model.tensors.map(\.name)
        if headW == nil { expected += ["head.weight", "head.bias"] }
        try reader.refuseUnknown(expected: expected)
        model = try reader.fill(model, prefix: "")
        if let headW { model.head = try reader.readHead(headW, columns: D * H) }
        model.hiddenLabels = hiddenLabels
        model.name = name
        model.description = description
        return .stacked(model)
    }

    // MARK: Writing

    /// The model as a JSON value. A one-layer, one-direction stack is written in the single-layer format.
    public static func encode(_ model: ShapedModel) -> JSONValue {
        switch model {
        case let .stacked(m): return encode(m)
        case let .encoderDecoder(m): return encode(m)
        }
    }

    /// A stack as JSON: `num_layers` and `bidirectional` beside the single-layer fields.
    public static func encode(_ model: StackedRNN) -> JSONValue {
        if let plain = model.plain { return ModelFile.encode(plain) }
        var members: [(String, JSONValue)] = [
            ("format", .string("unroll-model")), ("version", .number(1)), ("cell", .string(model.kind.rawValue)),
        ]
        if model.kind.standardCell.takesNonlinearity { members.append(("nonlinearity", .string(model.nonlinearity.rawValue))) }
        members.append(("input_size", .number(Double(model.inputSize))))
        members.append(("hidden_size", .number(Double(model.hiddenSize))))
        members.append(("num_layers", .number(Double(model.numLayers))))
        members.append(("bidirectional", .bool(model.bidirectional)))
        if let vocab = model.vocab { members.append(("vocab", .array(vocab.map { .string($0) }))) }
        if let name = model.name { members.append(("name", .string(name))) }
        if let d = model.description { members.append(("description", .string(d))) }
        if let labels = model.hiddenLabels { members.append(("hidden_labels", .array(labels.map { .string($0) }))) }
        members.append(("state_dict", tensors(model.parameters, tensors: model.tensors)))
        return .object(members)
    }

    /// An encoder–decoder as JSON.
    public static func encode(_ model: EncoderDecoder) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("format", .string("unroll-model")), ("version", .number(1)), ("shape", .string("encoder-decoder")),
            ("cell", .string(model.kind.rawValue)),
        ]
        if model.kind.standardCell.takesNonlinearity { members.append(("nonlinearity", .string(model.encoder.nonlinearity.rawValue))) }
        members.append(("input_size", .number(Double(model.inputSize))))
        members.append(("decoder_input_size", .number(Double(model.decoderInputSize))))
        members.append(("hidden_size", .number(Double(model.hiddenSize))))
        members.append(("num_layers", .number(Double(model.numLayers))))
        if let vocab = model.vocab { members.append(("vocab", .array(vocab.map { .string($0) }))) }
        if let vocab = model.decoderVocab { members.append(("decoder_vocab", .array(vocab.map { .string($0) }))) }
        if let name = model.name { members.append(("name", .string(name))) }
        if let d = model.description { members.append(("description", .string(d))) }
        if let labels = model.encoder.hiddenLabels { members.append(("hidden_labels", .array(labels.map { .string($0) }))) }
        members.append(("state_dict", tensors(model.parameters, tensors: model.tensors)))
        return .object(members)
    }

    /// A flat parameter-shaped vector (parameters or gradients) as a `state_dict` object.
    public static func tensors(_ values: [Double], tensors: [ParameterLayout.Tensor]) -> JSONValue {
        .object(tensors.map { t in
            if let cols = t.columns {
                return (t.name, .array((0..<t.rows).map { r in .numbers(values[(t.offset + r * cols)..<(t.offset + (r + 1) * cols)]) }))
            }
            return (t.name, .numbers(values[t.offset..<(t.offset + t.rows)]))
        })
    }

    /// Writes the model file atomically.
    public static func save(_ model: ShapedModel, to path: String) throws {
        let text = encode(model).serialized(indent: 1) + "\n"
        try Data(text.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    // MARK: Validation

    /// The checks, each refusing with the file, the key and what was expected.
    final class Reader {
        let file: String
        var stateDict: [JSONMember] = []

        init(file: String) { self.file = file }

        func fail(_ key: String?, _ message: String) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: key, message: message)
        }

        func header(_ root: JSONNode) throws(ModelFileError) {
            guard let format = root["format"] else { throw fail("format", "missing (expected \"unroll-model\")") }
            guard format == .string("unroll-model") else { throw fail("format", "expected \"unroll-model\", found \(ModelFile.describe(format))") }
            guard let version = root["version"] else { throw fail("version", "missing (expected 1)") }
            guard version == .number(1) else { throw fail("version", "expected 1, found \(ModelFile.describe(version))") }
        }

        func cell(_ root: JSONNode) throws(ModelFileError) -> CellKind {
            guard let cellValue = root["cell"] else { throw fail("cell", "missing (expected \"rnn\", \"lstm\" or \"gru\")") }
            guard case let .string(cellName) = cellValue, let kind = CellKind(rawValue: cellName) else {
                throw fail("cell", "expected \"rnn\", \"lstm\" or \"gru\", found \(ModelFile.describe(cellValue))")
            }
            return kind
        }

        func nonlinearity(_ root: JSONNode, kind: CellKind) throws(ModelFileError) -> Nonlinearity {
            guard let nl = root["nonlinearity"] else { return .tanh }
            guard case let .string(s) = nl, let v = Nonlinearity(rawValue: s) else { throw fail("nonlinearity", "expected \"tanh\" or \"relu\", found \(ModelFile.describe(nl))") }
            guard kind.standardCell.takesNonlinearity || v == .tanh else { throw fail("nonlinearity", "only an rnn takes a nonlinearity") }
            return v
        }

        func positiveInt(_ root: JSONNode, _ key: String) throws(ModelFileError) -> Int {
            try ModelFile.dimension(root, key, file: file)
        }

        func strings(_ root: JSONNode, _ key: String) throws(ModelFileError) -> [String]? {
            try ModelFile.strings(root, key, file: file)
        }

        func vocab(_ root: JSONNode, _ key: String, size: Int, sizeKey: String) throws(ModelFileError) -> [String]? {
            guard let vocab = try strings(root, key) else { return nil }
            var seen = Set<String>()
            for (k, w) in vocab.enumerated() {
                guard !w.isEmpty else { throw fail("\(key)[\(k)]", "expected a non-empty word") }
                guard !seen.contains(w) else { throw fail("\(key)[\(k)]", "duplicate entry \"\(w)\" (vocab entries must be distinct)") }
                guard w != "?" else { throw fail("\(key)[\(k)]", "\"?\" is reserved for unknown steps") }
                guard !w.contains(where: \.isWhitespace) else { throw fail("\(key)[\(k)]", "a word may not contain white space") }
                seen.insert(w)
            }
            guard vocab.count == size else { throw fail(key, "has \(vocab.count) entries, expected \(sizeKey) = \(size)") }
            return vocab
        }

        func optionalString(_ root: JSONNode, _ key: String) throws(ModelFileError) -> String? {
            guard let v = root[key] else { return nil }
            guard case let .string(s) = v else { throw fail(key, "expected a string, found \(v.typeName)") }
            return s
        }

        func value(_ key: String) -> JSONNode? { stateDict.first { $0.key == key }?.value }

        func refuseUnknown(expected: [String]) throws(ModelFileError) {
            let allowed = Set(expected)
            for member in stateDict where !allowed.contains(member.key) {
                throw fail("state_dict.\(JSONReader.printable(member.key))", "unknown parameter (expected \(expected.joined(separator: ", ")))")
            }
        }

        var reader: TensorReader { TensorReader(file: file, stateDict: stateDict) }
        func matrix(_ key: String, rows: Int?, cols: Int) throws(ModelFileError) -> [Double]? { try reader.matrix(key, rows: rows, cols: cols) }
        func vector(_ key: String, count: Int?) throws(ModelFileError) -> [Double]? { try reader.vector(key, count: count) }

        /// head.weight's values and rows, if present.
        func head(prefix: String, columns: Int) throws(ModelFileError) -> (values: [Double], rows: Int)? {
            let w = try matrix(prefix + "head.weight", rows: nil, cols: columns)
            if let w, w.isEmpty { throw fail("state_dict.\(prefix)head.weight", "expected at least one row of \(columns) numbers") }
            if let w, w.count / columns > ModelFileLimits.maxDimension {
                throw fail("state_dict.\(prefix)head.weight", "has \(w.count / columns) rows, more than the \(ModelFileLimits.maxDimension) a model file may declare")
            }
            if w == nil && value(prefix + "head.bias") != nil { throw fail("state_dict.\(prefix)head.bias", "given without head.weight") }
            return w.map { ($0, $0.count / columns) }
        }

        func readHead(_ w: (values: [Double], rows: Int), columns: Int) throws(ModelFileError) -> ReadOut {
            var head = ReadOut(inputSize: columns, outputSize: w.rows)
            head.weight = w.values
            head.bias = try vector("head.bias", count: w.rows) ?? [Double](repeating: 0, count: w.rows)
            return head
        }

        /// Checks that every layer's weight matrices are present with their declared shapes, before the
        /// network (and its parameters of the declared sizes) is made; the same messages as `fill`.
        func requireWeights(prefix: String, layers: Int, directions: Int, inputSize: Int, hiddenSize H: Int, gateRows GH: Int) throws(ModelFileError) {
            for l in 0..<layers {
                for d in 0..<directions {
                    let sfx = StackedRNN.suffix(layer: l, direction: Direction(rawValue: d) ?? .forward)
                    let I = l == 0 ? inputSize : directions * H
                    guard try matrix(prefix + "weight_ih" + sfx, rows: GH, cols: I) != nil else {
                        throw fail("state_dict.\(prefix)weight_ih\(sfx)", "missing (expected \(GH) × \(I))")
                    }
                    guard try matrix(prefix + "weight_hh" + sfx, rows: GH, cols: H) != nil else {
                        throw fail("state_dict.\(prefix)weight_hh\(sfx)", "missing (expected \(GH) × \(H))")
                    }
                }
            }
        }

        /// Reads every layer's tensors of `model` (names prefixed by `prefix`) into it.
        func fill(_ model: StackedRNN, prefix: String) throws(ModelFileError) -> StackedRNN {
            var m = model
            let GH = m.kind.gateCount * m.hiddenSize, H = m.hiddenSize
            for l in 0..<m.numLayers {
                for d in 0..<m.directions {
                    let index = l * m.directions + d
                    let sfx = StackedRNN.suffix(layer: l, direction: Direction(rawValue: d) ?? .forward)
                    let I = m.cells[index].inputSize
                    let key = { (base: String) in prefix + base + sfx }
                    guard let wih = try matrix(key("weight_ih"), rows: GH, cols: I) else {
                        throw fail("state_dict.\(key("weight_ih"))", "missing (expected \(GH) × \(I))")
                    }
                    guard let whh = try matrix(key("weight_hh"), rows: GH, cols: H) else {
                        throw fail("state_dict.\(key("weight_hh"))", "missing (expected \(GH) × \(H))")
                    }
                    let bih = try vector(key("bias_ih"), count: GH) ?? [Double](repeating: 0, count: GH)
                    let bhh = try vector(key("bias_hh"), count: GH) ?? [Double](repeating: 0, count: GH)
                    m.cells[index].parameters = wih + whh + bih + bhh
                }
            }
            return m
        }
    }
}
