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

    /// Validates a parsed model file; `file` names it in errors.
    static func decode(_ root: JSONNode, file: String) throws(ModelFileError) -> RecurrentModel {
        func fail(_ key: String?, _ message: String) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: key, message: message)
        }
        guard case .object = root else { throw fail(nil, "expected a JSON object, found \(root.typeName)") }
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
            guard case let .string(s) = nl, let v = Nonlinearity(rawValue: s) else {
                throw fail("nonlinearity", "expected \"tanh\" or \"relu\", found \(ModelFile.describe(nl))")
            }
            guard cell.takesNonlinearity || v == .tanh else { throw fail("nonlinearity", "only an rnn takes a nonlinearity") }
            nonlinearity = v
        }
        func positiveInt(_ key: String) throws(ModelFileError) -> Int {
            try ModelFile.dimension(root, key, file: file)
        }
        let I = try positiveInt("input_size")
        let H = try positiveInt("hidden_size")
        func strings(_ key: String) throws(ModelFileError) -> [String]? {
            try ModelFile.strings(root, key, file: file)
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
        func optionalString(_ key: String) throws(ModelFileError) -> String? {
            guard let v = root[key] else { return nil }
            guard case let .string(s) = v else { throw fail(key, "expected a string, found \(v.typeName)") }
            return s
        }
        let name = try optionalString("name")
        let description = try optionalString("description")

        guard let sdValue = root["state_dict"] else { throw fail("state_dict", "missing (expected an object of tensors)") }
        guard case let .object(sd) = sdValue else { throw fail("state_dict", "expected an object of tensors, found \(sdValue.typeName)") }
        let GH = cell.gateCount * H
        let extraShapes = cell.extraTensors(hiddenSize: H)
        try ModelFile.checkParameterCount(GH * (I + H + 2) + extraShapes.reduce(0) { $0 + $1.count }, file: file)
        let allowed = Set(cell.tensors(inputSize: I, hiddenSize: H).map(\.name) + ["head.weight", "head.bias"])
        for member in sd where !allowed.contains(member.key) {
            let key = member.key
            if let owner = RecurrentCells.registered.first(where: { $0.extraTensors(hiddenSize: H).contains { $0.name == key } }) {
                throw fail("state_dict.\(JSONReader.printable(key))", "belongs to a \(owner.displayName) (\(owner.fileFlags.map { "\"\($0)\": true" }.joined(separator: ", "))), not to this \(cell.displayName)")
            }
            throw fail("state_dict.\(JSONReader.printable(key))", "unknown parameter (expected \(allowed.sorted().joined(separator: ", ")))")
        }
        let reader = TensorReader(file: file, stateDict: sd)
        func matrix(_ key: String, rows: Int?, cols: Int) throws(ModelFileError) -> [Double]? { try reader.matrix(key, rows: rows, cols: cols) }
        func vector(_ key: String, count: Int?) throws(ModelFileError) -> [Double]? { try reader.vector(key, count: count) }
        guard let wih = try matrix("weight_ih_l0", rows: GH, cols: I) else {
            throw fail("state_dict.weight_ih_l0", "missing (expected \(GH) × \(I))")
        }
        guard let whh = try matrix("weight_hh_l0", rows: GH, cols: H) else {
            throw fail("state_dict.weight_hh_l0", "missing (expected \(GH) × \(H))")
        }
        let bih = try vector("bias_ih_l0", count: GH) ?? [Double](repeating: 0, count: GH)
        let bhh = try vector("bias_hh_l0", count: GH) ?? [Double](repeating: 0, count: GH)
        var extras: [Double] = []
        for shape in extraShapes {
            let values: [Double]?
            if let cols = shape.columns { values = try matrix(shape.name, rows: shape.rows, cols: cols) }
            else { values = try vector(shape.name, count: shape.rows) }
            guard let values else {
                throw fail("state_dict.\(shape.name)", "missing (expected \(shape.rows)\(shape.columns.map { " × \($0)" } ?? " numbers") for a \(cell.displayName))")
            }
            extras += values
        }
        let headW = try matrix("head.weight", rows: nil, cols: H)
        if let headW, headW.isEmpty { throw fail("state_dict.head.weight", "expected at least one row of \(H) numbers") }
        let O = headW.map { $0.count / H }
        if let O, O > ModelFileLimits.maxDimension {
            throw fail("state_dict.head.weight", "has \(O) rows, more than the \(ModelFileLimits.maxDimension) a model file may declare")
        }
        let headB = try vector("head.bias", count: O ?? nil)
        if headB != nil && headW == nil { throw fail("state_dict.head.bias", "given without head.weight") }

        var model = RecurrentModel(cell: cell, inputSize: I, hiddenSize: H, outputSize: O, hasHead: headW != nil,
                                   nonlinearity: nonlinearity, vocab: vocab)
        let L = model.layout
        model.parameters.replaceSubrange(L.weightIH..<(L.weightIH + wih.count), with: wih)
        model.parameters.replaceSubrange(L.weightHH..<(L.weightHH + whh.count), with: whh)
        model.parameters.replaceSubrange(L.biasIH..<(L.biasIH + GH), with: bih)
        model.parameters.replaceSubrange(L.biasHH..<(L.biasHH + GH), with: bhh)
        model.parameters.replaceSubrange(L.cellExtra..<(L.cellExtra + extras.count), with: extras)
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
        if model.cell.takesNonlinearity { members.append(("nonlinearity", .string(model.nonlinearity.rawValue))) }
        for flag in model.cell.fileFlags { members.append((flag, .bool(true))) }
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
}

extension ModelFile {
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
