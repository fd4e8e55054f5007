import Foundation

/// Why a model file was refused: the file, where (line and column for a syntax error, the key as a
/// JSON path for a broken rule) and what was expected, as one line.
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
    /// Where in the text, 1-based, when known (syntax errors, duplicate keys).
    public let line: Int?
    public let column: Int?

    public init(kind: Kind, file: String, key: String?, message: String, line: Int? = nil, column: Int? = nil) {
        self.kind = kind
        self.file = file
        self.key = key
        // One line, whatever a message quotes from the file.
        self.message = message.split(whereSeparator: \.isNewline).joined(separator: " ")
        self.line = line
        self.column = column
    }

    /// A syntax error of the JSON text of `file`.
    public init(file: String, syntax: JSONSyntaxError) {
        self.init(kind: .malformed, file: file, key: syntax.path.isEmpty ? nil : syntax.path,
                  message: "not valid JSON: \(syntax.message)", line: syntax.line, column: syntax.column)
    }

    public var description: String {
        var out = file
        if let line, let column { out += ":\(line):\(column)" }
        if let key { out += ": \(key)" }
        return out + ": \(message)"
    }
}

/// Reads and writes model files (`unroll-model`, version 1: PyTorch `state_dict` layout).
public enum ModelFile {
    /// Loads and validates a model file.
    ///
    /// Every failure is a `ModelFileError` (never a trap): a missing or unreadable file, one over
    /// `ModelFileLimits.maxFileBytes`, invalid JSON (with line and column), or a broken rule (with the key).
    public static func load(path: String) throws -> RecurrentModel {
        try decode(try ModelFileLimits.read(path: path), file: path)
    }

    /// Decodes and validates model JSON; `file` names it in errors.
    public static func decode(_ data: Data, file: String) throws -> RecurrentModel {
        let root: JSONNode
        do { root = try JSONReader.parse(data) } catch { throw ModelFileError(file: file, syntax: error) }
        return try decode(root, file: file)
    }

    /// Validates a model document built as a `JSONValue` (what a `.pt` or `.safetensors` reader makes);
    /// `file` names it in errors. The same rules and messages as a JSON file.
    public static func decode(_ value: JSONValue, file: String) throws(ModelFileError) -> RecurrentModel {
        try decode(JSONNode(value), file: file)
    }

    /// Validates a parsed model file (any shape); `file` names it in errors.
    ///
    /// The one entry point for a model document already parsed, whatever it was read from (a `.pt` or
    /// `.safetensors` reader builds the same document). One rule for keys: a top-level key the format
    /// does not define (notes, provenance, …) is ignored, except keys of another shape (a decoder's keys
    /// without `"shape": "encoder-decoder"`, `bidirectional` on an encoder–decoder); every `state_dict`
    /// key must be a tensor of the model.
    ///
    /// Shapes beyond one layer: `"num_layers": L` (1…16) and `"bidirectional": true`, with PyTorch's
    /// `weight_ih_l{l}{_reverse}` names (layer l ≥ 1 reads D·H values; `head.weight` is O × D·H); and
    /// `"shape": "encoder-decoder"` with `encoder.*` and `decoder.*` tensors, `decoder_input_size`
    /// (default `input_size`) and `decoder_vocab` for the decoder's inputs, and `head.*` on the decoder.
    public static func decode(_ root: JSONNode, file: String) throws(ModelFileError) -> RecurrentModel {
        func fail(_ key: String?, _ message: String) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: key, message: message)
        }
        guard case .object = root else { throw fail(nil, "expected a JSON object, found \(root.typeName)") }
        var encoderDecoder = false
        if let shape = root["shape"] {
            guard shape == .string("encoder-decoder") else {
                throw fail("shape", "expected \"encoder-decoder\" (stacks and bidirectional networks are given by num_layers and bidirectional)")
            }
            encoderDecoder = true
        }
        if !encoderDecoder {
            for key in ["decoder_input_size", "decoder_vocab"] where root[key] != nil {
                throw fail(key, "only an encoder–decoder (\"shape\": \"encoder-decoder\") has a decoder")
            }
        } else if root["bidirectional"] != nil {
            throw fail("bidirectional", "an encoder–decoder reads in one direction (leave bidirectional out)")
        }
        guard let format = root["format"] else { throw fail("format", "missing (expected \"unroll-model\")") }
        guard format == .string("unroll-model") else { throw fail("format", "expected \"unroll-model\", found \(ModelFile.describe(format))") }
        guard let version = root["version"] else { throw fail("version", "missing (expected 1)") }
        guard version == .number(1) else { throw fail("version", "expected 1, found \(ModelFile.describe(version))") }
        guard let cellValue = root["cell"] else { throw fail("cell", "missing (expected \"rnn\", \"lstm\" or \"gru\")") }
        guard case let .string(cellName) = cellValue, let kind = CellKind(rawValue: cellName) else {
            throw fail("cell", "expected \"rnn\", \"lstm\" or \"gru\", found \(ModelFile.describe(cellValue))")
        }
        let cell = try ModelFile.cell(root, kind: kind, file: file)
        var nonlinearity = Nonlinearity.tanh
        if let nl = root["nonlinearity"] {
            guard case let .string(s) = nl, let v = Nonlinearity(rawValue: s), Nonlinearity.fileValues.contains(v) else {
                throw fail("nonlinearity", "expected \"tanh\" or \"relu\", found \(ModelFile.describe(nl))")
            }
            guard cell.takesNonlinearity || v == .tanh else { throw fail("nonlinearity", "only an rnn takes a nonlinearity") }
            nonlinearity = v
        }
        func choice<T: RawRepresentable & CaseIterable>(_ key: String, default value: T) throws(ModelFileError) -> T where T.RawValue == String {
            guard let v = root[key] else { return value }
            let names = T.allCases.map { "\"\($0.rawValue)\"" }.joined(separator: " or ")
            guard case let .string(s) = v, let chosen = T(rawValue: s) else { throw fail(key, "expected \(names), found \(ModelFile.describe(v))") }
            return chosen
        }
        let inputKind: InputKind = try choice("input", default: .tokens)
        let outputKind: OutputKind = try choice("output", default: .classes)
        let I = try ModelFile.dimension(root, "input_size", file: file)
        let H = try ModelFile.dimension(root, "hidden_size", file: file)
        var L = 1
        if root["num_layers"] != nil {
            L = try ModelFile.dimension(root, "num_layers", file: file)
            guard L <= 16 else { throw fail("num_layers", "expected an integer 1…16, found \(L)") }
        }
        var bidirectional = false
        if let b = root["bidirectional"] {
            guard case let .bool(v) = b else { throw fail("bidirectional", "expected true or false, found \(ModelFile.describe(b))") }
            bidirectional = v
        }
        let vocab = try ModelFile.vocab(root, "vocab", file: file)
        if vocab != nil && inputKind == .real {
            throw fail("vocab", "a \"real\" model reads numbers, not tokens: leave vocab out (or make \"input\": \"tokens\")")
        }
        let hiddenLabels = try ModelFile.strings(root, "hidden_labels", file: file)
        if let hiddenLabels, hiddenLabels.count != H {
            throw fail("hidden_labels", "has \(hiddenLabels.count) entries, expected hidden_size = \(H)")
        }
        func optionalString(_ key: String) throws(ModelFileError) -> String? {
            guard let v = root[key] else { return nil }
            guard case let .string(s) = v else { throw fail(key, "expected a string, found \(v.typeName)") }
            return s
        }
        let name = try optionalString("name")
        let description = try optionalString("description")

        guard let sdValue = root["state_dict"] else { throw fail("state_dict", "missing (expected an object of tensors)") }
        guard case let .object(sd) = sdValue else { throw fail("state_dict", "expected an object of tensors, found \(sdValue.typeName)") }
        let reader = TensorReader(file: file, stateDict: sd)
        let GH = cell.gateCount * H, extra = cell.extraTensors(hiddenSize: H).reduce(0) { $0 + $1.count }

        if encoderDecoder {
            let J = root["decoder_input_size"] != nil ? try ModelFile.dimension(root, "decoder_input_size", file: file) : I
            let decoderVocab = try ModelFile.vocab(root, "decoder_vocab", file: file)
            if let decoderVocab, decoderVocab.count != J {
                throw fail("decoder_vocab", "has \(decoderVocab.count) entries, expected decoder_input_size = \(J)")
            }
            if let vocab, vocab.count != I { throw fail("vocab", "has \(vocab.count) entries, expected input_size = \(I)") }
            // Before the network (and its zero parameters) is made: the sizes fit the cap.
            let perLayer = GH * (H + 2) + extra
            try ModelFile.checkParameterCount(GH * (I + J) + 2 * (L - 1) * GH * H + 2 * L * perLayer, file: file)
            let headW = try ModelFile.head(reader, columns: H)
            var encoder = RecurrentModel(layout: ParameterLayout(cell: cell, inputSize: I, hiddenSize: H, hasHead: false, numLayers: L),
                                         nonlinearity: nonlinearity, vocab: vocab)
            var decoder = RecurrentModel(layout: ParameterLayout(cell: cell, inputSize: J, hiddenSize: H, outputSize: headW?.rows,
                                                                 hasHead: headW != nil, numLayers: L),
                                         nonlinearity: nonlinearity, vocab: decoderVocab)
            decoder.encoder = encoder
            var expected = decoder.networkTensors.map(\.name)
            if headW == nil { expected += ["head.weight", "head.bias"] }
            try ModelFile.refuseUnknown(sd, expected: expected, cell: cell, hiddenSize: H, file: file)
            let encoderTensors = try ModelFile.readLayers(encoder.layout, reader, prefix: "encoder.")
            let decoderTensors = try ModelFile.readLayers(decoder.layout, reader, prefix: "decoder.")
            ModelFile.fill(&encoder, encoderTensors)
            ModelFile.fill(&decoder, decoderTensors)
            try ModelFile.fillHead(&decoder, reader, headW)
            encoder.hiddenLabels = hiddenLabels
            decoder.hiddenLabels = hiddenLabels
            decoder.encoder = encoder
            decoder.name = name
            decoder.description = description
            return decoder
        }

        let D = bidirectional ? 2 : 1
        let embedding = inputKind == .tokens ? try reader.matrix("embedding.weight", rows: nil, cols: I) : nil
        if inputKind == .real, reader.value("embedding.weight") != nil {
            throw fail("state_dict.embedding.weight", "a \"real\" model reads numbers, not tokens: it has no embedding")
        }
        if let embedding, embedding.isEmpty { throw fail("state_dict.embedding.weight", "expected at least one row of \(I) numbers") }
        let V = embedding.map { $0.count / I }
        if let V, V > ModelFileLimits.maxDimension {
            throw fail("state_dict.embedding.weight", "has \(V) rows, more than the \(ModelFileLimits.maxDimension) a model file may declare")
        }
        if let vocab {
            if let V {
                guard vocab.count == V else { throw fail("vocab", "has \(vocab.count) entries, expected \(V) (one per row of embedding.weight)") }
            } else {
                guard vocab.count == I else { throw fail("vocab", "has \(vocab.count) entries, expected input_size = \(I)") }
            }
        }
        let layerWeights = D * (GH * (I + H + 2) + extra) + (L - 1) * D * (GH * (D * H + H + 2) + extra)
        try ModelFile.checkParameterCount(layerWeights, file: file)
        let headW = try ModelFile.head(reader, columns: D * H)
        let layout = ParameterLayout(cell: cell, inputSize: I, hiddenSize: H, outputSize: headW?.rows, hasHead: headW != nil,
                                     numLayers: L, bidirectional: bidirectional, embeddingRows: V)
        var expected = layout.tensors.map(\.name)
        if headW == nil { expected += ["head.weight", "head.bias"] }
        if inputKind == .tokens && V == nil { expected.append("embedding.weight") }
        try ModelFile.refuseUnknown(sd, expected: expected, cell: cell, hiddenSize: H, file: file)
        let layers = try ModelFile.readLayers(layout, reader, prefix: "")
        var model = RecurrentModel(layout: layout, nonlinearity: nonlinearity, vocab: vocab)
        ModelFile.fill(&model, layers)
        try ModelFile.fillHead(&model, reader, headW)
        if let embedding { model.parameters.replaceSubrange(layout.embedding..<(layout.embedding + embedding.count), with: embedding) }
        model.inputKind = inputKind
        model.outputKind = outputKind
        model.hiddenLabels = hiddenLabels
        model.name = name
        model.description = description
        return model
    }

    /// The model as a JSON value in the file format.
    public static func encode(_ model: RecurrentModel) -> JSONValue {
        var members: [(String, JSONValue)] = [("format", .string("unroll-model")), ("version", .number(1))]
        let encoder = model.encoder
        if encoder != nil { members.append(("shape", .string("encoder-decoder"))) }
        members.append(("cell", .string(model.kind.rawValue)))
        if model.cell.takesNonlinearity { members.append(("nonlinearity", .string(model.nonlinearity.rawValue))) }
        for flag in model.cell.fileFlags { members.append((flag, .bool(true))) }
        if model.inputKind != .tokens { members.append(("input", .string(model.inputKind.rawValue))) }
        if model.outputKind != .classes { members.append(("output", .string(model.outputKind.rawValue))) }
        members.append(("input_size", .number(Double(encoder?.inputSize ?? model.inputSize))))
        if encoder != nil { members.append(("decoder_input_size", .number(Double(model.inputSize)))) }
        members.append(("hidden_size", .number(Double(model.hiddenSize))))
        if !model.layout.isSingleLayer || encoder != nil {
            members.append(("num_layers", .number(Double(model.numLayers))))
            if encoder == nil { members.append(("bidirectional", .bool(model.bidirectional))) }
        }
        if let encoder {
            if let vocab = encoder.vocab { members.append(("vocab", .array(vocab.map { .string($0) }))) }
            if let vocab = model.vocab { members.append(("decoder_vocab", .array(vocab.map { .string($0) }))) }
        } else if let vocab = model.vocab {
            members.append(("vocab", .array(vocab.map { .string($0) })))
        }
        if let name = model.name { members.append(("name", .string(name))) }
        if let d = model.description { members.append(("description", .string(d))) }
        if let labels = model.hiddenLabels { members.append(("hidden_labels", .array(labels.map { .string($0) }))) }
        members.append(("state_dict", tensors(model.networkParameters, tensors: model.networkTensors)))
        return .object(members)
    }

    /// A flat parameter-shaped vector (parameters or gradients) as a `state_dict` object.
    public static func tensors(_ values: [Double], layout: ParameterLayout) -> JSONValue {
        tensors(values, tensors: layout.tensors)
    }

    /// A flat vector laid out as `tensors` as a `state_dict` object.
    public static func tensors(_ values: [Double], tensors: [ParameterLayout.Tensor]) -> JSONValue {
        .object(tensors.map { t in
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
}

extension ModelFile {
    /// Refuses a `state_dict` key that is not one of `expected` (naming the cell a peephole-like tensor belongs to).
    static func refuseUnknown(_ sd: [JSONMember], expected: [String], cell: any RecurrentCell, hiddenSize H: Int,
                              file: String) throws(ModelFileError) {
        let allowed = Set(expected)
        for member in sd where !allowed.contains(member.key) {
            let key = member.key
            let path = "state_dict.\(JSONReader.printable(key))"
            let base = key.split(separator: ".").last.map(String.init) ?? key
            let unlayered = base.replacing(/_l[0-9]+(_reverse)?$/, with: "_l0")
            if let owner = RecurrentCells.registered.first(where: { !$0.isSame(as: cell) && $0.extraTensors(hiddenSize: H).contains { $0.name == unlayered } }) {
                throw ModelFileError(kind: .malformed, file: file, key: path,
                                     message: "belongs to a \(owner.displayName) (\(owner.fileFlags.map { "\"\($0)\": true" }.joined(separator: ", "))), not to this \(cell.displayName)")
            }
            throw ModelFileError(kind: .malformed, file: file, key: path,
                                 message: "unknown parameter (expected \(expected.sorted().joined(separator: ", ")))")
        }
    }

    /// head.weight's values and rows (O × `columns`), if present; head.bias without it is refused.
    static func head(_ reader: TensorReader, columns: Int) throws(ModelFileError) -> (values: [Double], rows: Int)? {
        let w = try reader.matrix("head.weight", rows: nil, cols: columns)
        if let w, w.isEmpty { throw reader.fail("state_dict.head.weight", "expected at least one row of \(columns) numbers") }
        if let w, w.count / columns > ModelFileLimits.maxDimension {
            throw reader.fail("state_dict.head.weight", "has \(w.count / columns) rows, more than the \(ModelFileLimits.maxDimension) a model file may declare")
        }
        if w == nil && reader.value("head.bias") != nil { throw reader.fail("state_dict.head.bias", "given without head.weight") }
        return w.map { ($0, $0.count / columns) }
    }

    /// Reads head.weight (already checked) and head.bias (zeros when absent) into `model`.
    static func fillHead(_ model: inout RecurrentModel, _ reader: TensorReader, _ w: (values: [Double], rows: Int)?) throws(ModelFileError) {
        guard let w else { return }
        let L = model.layout
        model.parameters.replaceSubrange(L.headWeight..<(L.headWeight + w.values.count), with: w.values)
        let b = try reader.vector("head.bias", count: w.rows) ?? [Double](repeating: 0, count: w.rows)
        model.parameters.replaceSubrange(L.headBias..<(L.headBias + w.rows), with: b)
    }

    /// Reads every layer's and direction's tensors of `layout` (names prefixed by `prefix`), checking
    /// their shapes against the data present before anything of the declared sizes is allocated: the
    /// weights and the cell's own tensors are required, the biases are zeros when absent.
    static func readLayers(_ layout: ParameterLayout, _ reader: TensorReader, prefix: String) throws(ModelFileError) -> [(offset: Int, values: [Double])] {
        var out: [(offset: Int, values: [Double])] = []
        for t in layout.tensors where !t.name.hasPrefix("head.") && t.name != "embedding.weight" {
            let key = prefix + t.name
            let values: [Double]?
            if let cols = t.columns { values = try reader.matrix(key, rows: t.rows, cols: cols) } else { values = try reader.vector(key, count: t.rows) }
            if let values {
                out.append((t.offset, values))
                continue
            }
            if t.name.hasPrefix("bias_") { continue }
            if t.name.hasPrefix("weight_ih") || t.name.hasPrefix("weight_hh") {
                throw reader.fail("state_dict.\(key)", "missing (expected \(t.rows) × \(t.columns ?? 1))")
            }
            throw reader.fail("state_dict.\(key)", "missing (expected \(t.rows)\(t.columns.map { " × \($0)" } ?? " numbers") for a \(layout.cell.displayName))")
        }
        return out
    }

    /// Writes tensors read by `readLayers` into `model`.
    static func fill(_ model: inout RecurrentModel, _ tensors: [(offset: Int, values: [Double])]) {
        for t in tensors { model.parameters.replaceSubrange(t.offset..<(t.offset + t.values.count), with: t.values) }
    }

    /// An optional vocabulary: distinct, non-empty words without white space, `?` reserved.
    static func vocab(_ root: JSONNode, _ key: String, file: String) throws(ModelFileError) -> [String]? {
        func fail(_ key: String, _ message: String) -> ModelFileError { ModelFileError(kind: .malformed, file: file, key: key, message: message) }
        guard let vocab = try strings(root, key, file: file) else { return nil }
        var seen = Set<String>()
        for (k, w) in vocab.enumerated() {
            guard !w.isEmpty else { throw fail("\(key)[\(k)]", "expected a non-empty word") }
            guard !seen.contains(w) else { throw fail("\(key)[\(k)]", "duplicate entry \"\(w)\" (vocab entries must be distinct)") }
            guard w != "?" else { throw fail("\(key)[\(k)]", "\"?\" is reserved for unknown steps") }
            guard !w.contains(where: \.isWhitespace) else { throw fail("\(key)[\(k)]", "a word may not contain white space") }
            seen.insert(w)
        }
        return vocab
    }

    /// The registered cell of `kind` that the file's boolean cell keys (`peephole`) select.
    static func cell(_ root: JSONNode, kind: CellKind, file: String) throws(ModelFileError) -> any RecurrentCell {
        var flags = Set<String>()
        for flag in RecurrentCells.fileFlags.sorted() {
            guard let v = root[flag] else { continue }
            guard case let .bool(on) = v else {
                throw ModelFileError(kind: .malformed, file: file, key: flag, message: "expected true or false, found \(describe(v))")
            }
            if on { flags.insert(flag) }
        }
        guard let cell = RecurrentCells.cell(kind: kind, flags: flags) else {
            let takers = RecurrentCells.registered.filter { !Set($0.fileFlags).isDisjoint(with: flags) }.map(\.kind.rawValue)
            throw ModelFileError(kind: .malformed, file: file, key: flags.sorted().first,
                                 message: "only \(Set(takers).sorted().joined(separator: ", ")) takes this key, not \(kind.rawValue)")
        }
        return cell
    }

    /// A declared size: an integer 1…`ModelFileLimits.maxDimension`.
    static func dimension(_ root: JSONNode, _ key: String, file: String) throws(ModelFileError) -> Int {
        func fail(_ message: String) -> ModelFileError { ModelFileError(kind: .malformed, file: file, key: key, message: message) }
        let cap = ModelFileLimits.maxDimension
        guard let v = root[key] else { throw fail("missing (expected an integer 1…\(cap))") }
        guard case let .number(d) = v else { throw fail("expected an integer 1…\(cap), found \(v.typeName)") }
        guard d == d.rounded(.towardZero), d >= 1 else { throw fail("expected an integer 1…\(cap), found \(describe(v))") }
        guard d <= Double(cap) else {
            throw fail("\(describe(v)) is more than the \(cap) a model file may declare")
        }
        return Int(d)
    }

    /// An optional array of strings.
    static func strings(_ root: JSONNode, _ key: String, file: String) throws(ModelFileError) -> [String]? {
        func fail(_ key: String, _ message: String) -> ModelFileError { ModelFileError(kind: .malformed, file: file, key: key, message: message) }
        guard let v = root[key] else { return nil }
        guard let items = v.elements else { throw fail(key, "expected an array of strings, found \(v.typeName)") }
        var out: [String] = []
        out.reserveCapacity(items.count)
        for (k, item) in items.enumerated() {
            guard case let .string(s) = item else { throw fail("\(key)[\(k)]", "expected a string, found \(item.typeName)") }
            out.append(s)
        }
        return out
    }

    /// Refuses declared sizes that call for more than `ModelFileLimits.maxParameters` parameters, before any
    /// parameter vector is allocated (the tensors' shapes are then checked against the data present).
    static func checkParameterCount(_ total: Int, file: String) throws(ModelFileError) {
        guard total <= ModelFileLimits.maxParameters else {
            throw ModelFileError(kind: .malformed, file: file, key: nil,
                                 message: "the declared sizes call for \(total) parameters, more than the \(ModelFileLimits.maxParameters) a model file may have")
        }
    }

    /// A scalar as a message shows it: a number's digits, otherwise its type.
    static func describe(_ v: JSONNode) -> String {
        switch v {
        case let .number(d): return d == d.rounded() && abs(d) < 1e15 ? String(Int(d)) : "\(d)"
        case let .string(s) where s.count <= 20 && s.unicodeScalars.allSatisfy({ (0x20..<0x7F).contains($0.value) && $0 != "\"" && $0 != "\\" }):
            // Only short, plain ASCII is quoted back: nothing from the file reaches a terminal raw.
            return "\"\(s)\""
        default: return v.typeName
        }
    }
}
