#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// What a `state_dict` cannot say, given on the command line (`--vocab`, `--nonlinearity`, `--head`, `--embedding`).
public struct StateDictHints: Sendable, Equatable {
    /// The vocabulary, in input order.
    public var vocab: [String]?
    /// `tanh` or `relu`, for an `rnn`.
    public var nonlinearity: String?
    /// The read-out's module prefix (`fc` for `fc.weight`).
    public var head: String?
    /// The embedding's module prefix (`emb` for `emb.weight`).
    public var embedding: String?

    public init(vocab: [String]? = nil, nonlinearity: String? = nil, head: String? = nil, embedding: String? = nil) {
        self.vocab = vocab
        self.nonlinearity = nonlinearity
        self.head = head
        self.embedding = embedding
    }

    /// Whether no hint is given.
    public var isEmpty: Bool { vocab == nil && nonlinearity == nil && head == nil && embedding == nil }
}

/// A model found in a PyTorch `state_dict` (from a `.pt` or `.safetensors` file), as model-format.md's
/// "PyTorch's own files" describes: the recurrent layer, read-out and embedding found from the tensors'
/// names and shapes, the header fields from the file's metadata, a sidecar `NAME.json` and the command
/// line. The result is the same JSON model document a `.json` file holds, decoded by `ModelFile`'s one
/// decoder, so both kinds of file obey the same rules.
public struct StateDictModel {
    /// The JSON model document built from the tensors (`state_dict` under the JSON names).
    public let document: JSONNode
    /// Lines for standard error: tensors ignored, hints overridden.
    public let warnings: [String]
    /// The JSON name → the file's name of every tensor used (`head.weight` → `fc.weight`).
    public let sourceNames: [String: String]
    /// The file the tensors came from.
    public let file: String

    /// Where a header field came from, for messages.
    enum Source: Equatable {
        case metadata, sidecar(String), option(String)

        var phrase: String {
            switch self {
            case .metadata: return "the file's metadata (key \"unroll\")"
            case let .sidecar(file): return "the sidecar \(file)"
            case let .option(name): return name
            }
        }
    }

    /// Whether JSON text has a top-level-looking `"state_dict":` key: a whole model file (what `unroll
    /// convert m.json m.safetensors` leaves beside it), passed over unparsed rather than read as a sidecar.
    static func isWholeModelFile(_ data: Data) -> Bool {
        let key = Array(#""state_dict""#.utf8)
        return data.withUnsafeBytes { (raw: UnsafeRawBufferPointer) -> Bool in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
            var i = 0
            while i + key.count <= raw.count {
                guard let hit = memchr(base + i, 0x22, raw.count - i) else { return false }
                let at = base.distance(to: hit.assumingMemoryBound(to: UInt8.self))
                if at + key.count <= raw.count, memcmp(base + at, key, key.count) == 0, at == 0 || base[at - 1] != 0x5C {
                    var j = at + key.count
                    while j < raw.count, base[j] == 0x20 || base[j] == 0x0A || base[j] == 0x0D || base[j] == 0x09 { j += 1 }
                    if j < raw.count, base[j] == UInt8(ascii: ":") { return true }
                }
                i = at + 1
            }
            return false
        }
    }

    /// The header fields the reader itself sets from the tensors.
    static let structuralFields: Set<String> = ["format", "version", "cell", "input_size", "hidden_size", "state_dict"]

    /// Finds the model in `tensors`. `sidecar` is the text of `NAME.json` beside the file, if there is one
    /// (a `NAME.json` that is itself a model file, with a `state_dict`, is no sidecar and is passed over).
    public init(_ tensors: TensorDictionary, sidecar: (file: String, data: Data)? = nil,
                hints: StateDictHints = StateDictHints()) throws(ModelFileError) {
        let file = tensors.file
        func fail(_ key: String?, _ message: String) -> ModelFileError {
            ModelFileError(kind: .malformed, file: file, key: key.map(JSONReader.printable), message: message)
        }
        var warnings: [String] = []

        // Header fields: the command line over the file's metadata over the sidecar.
        var fields: [(key: String, value: JSONNode, source: Source)] = []
        func set(_ key: String, _ value: JSONNode, _ source: Source) {
            if let i = fields.firstIndex(where: { $0.key == key }) {
                if fields[i].value != value {
                    warnings.append("\(JSONReader.printable(key)) from \(source.phrase) replaces the one in \(fields[i].source.phrase)")
                }
                fields[i] = (key, value, source)
            } else {
                fields.append((key, value, source))
            }
        }
        if let sidecar, !Self.isWholeModelFile(sidecar.data) {
            let root: JSONNode
            do { root = try JSONReader.parse(sidecar.data) } catch { throw ModelFileError(file: sidecar.file, syntax: error) }
            guard case let .object(members) = root else {
                throw ModelFileError(kind: .malformed, file: sidecar.file, key: nil,
                                     message: "expected a JSON object of header fields (vocab, name, …), found \(root.typeName)")
            }
            // A whole model file of that name (what `unroll convert m.json m.safetensors` leaves beside
            // it) is not a sidecar: its fields are not taken.
            if !members.contains(where: { $0.key == "state_dict" }) {
                for m in members { set(m.key, m.value, .sidecar(sidecar.file)) }
            }
        }
        if let text = tensors.metadata["unroll"] {
            let root: JSONNode
            do { root = try JSONReader.parse(Data(text.utf8)) } catch {
                throw ModelFileError(kind: .malformed, file: file, key: "__metadata__.unroll",
                                     message: "not valid JSON: \(error)")
            }
            guard case let .object(members) = root else {
                throw fail("__metadata__.unroll", "expected a JSON object of header fields, found \(root.typeName)")
            }
            if members.contains(where: { $0.key == "state_dict" }) {
                throw fail("__metadata__.unroll.state_dict", "the metadata holds header fields only; the tensors come from the file")
            }
            for m in members { set(m.key, m.value, .metadata) }
        }
        if let vocab = hints.vocab { set("vocab", .array(vocab.map { .string($0) }), .option("--vocab")) }
        if let nl = hints.nonlinearity { set("nonlinearity", .string(nl), .option("--nonlinearity")) }
        func field(_ key: String) -> (value: JSONNode, source: Source)? {
            fields.first { $0.key == key }.map { ($0.value, $0.source) }
        }

        // The recurrent layer: the one prefix P with P + weight_ih_l0.
        let names = tensors.names
        let suffix = "weight_ih_l0"
        let layerPrefixes = names.filter { $0.hasSuffix(suffix) }.map { String($0.dropLast(suffix.count)) }
            .filter { $0.isEmpty || $0.hasSuffix(".") }
        guard let P = layerPrefixes.first else {
            let shown = names.prefix(6).map(JSONReader.printable).joined(separator: ", ")
            throw fail(nil, "holds no recurrent layer: expected a tensor named weight_ih_l0 after any module prefix (lstm.weight_ih_l0, as torch.nn.RNN, LSTM and GRU name it); found \(names.isEmpty ? "no tensors" : shown + (names.count > 6 ? ", …" : ""))")
        }
        guard layerPrefixes.count == 1 else {
            throw fail(nil, "holds \(layerPrefixes.count) recurrent layers (\(layerPrefixes.map { JSONReader.printable($0 + suffix) }.joined(separator: ", "))); Unroll reads one")
        }
        let layerBases = ["weight_ih_l", "weight_hh_l", "bias_ih_l", "bias_hh_l"]
        if let other = names.first(where: { name in
            guard name.hasPrefix(P) else { return false }
            let rest = name.dropFirst(P.count)
            return layerBases.contains { rest.hasPrefix($0) && rest != $0 + "0" }
        }) {
            throw fail(other, "a second layer or direction of \(JSONReader.printable(P + suffix)): Unroll reads one layer in one direction (num_layers=1, bidirectional=False)")
        }
        var used: [String: String] = [:] // file name → JSON name
        func tensor(_ name: String) -> StoredTensor? { tensors[name] }
        func matrix(_ name: String) throws(ModelFileError) -> StoredTensor {
            guard let t = tensor(name) else { throw fail(name, "missing") }
            guard t.shape.count == 2 else { throw fail(name, "has shape \(t.shapeDescription), expected a matrix (2 dimensions)") }
            guard t.shape[0] >= 1, t.shape[1] >= 1 else { throw fail(name, "has shape \(t.shapeDescription), expected at least one row and column") }
            return t
        }
        let wih = try matrix(P + "weight_ih_l0")
        guard tensor(P + "weight_hh_l0") != nil else {
            throw fail(P + "weight_hh_l0", "missing: a recurrent layer has weight_hh_l0 (G·H × H) beside \(JSONReader.printable(P + "weight_ih_l0")) (\(wih.shapeDescription))")
        }
        let whh = try matrix(P + "weight_hh_l0")
        let H = whh.shape[1], I = wih.shape[1], GH = whh.shape[0]
        guard GH % H == 0, let kind = [1: CellKind.rnn, 3: .gru, 4: .lstm][GH / H] else {
            throw fail(P + "weight_hh_l0", "has shape \(whh.shapeDescription): its rows should be G × its \(H) columns, G = 1 (rnn), 3 (gru) or 4 (lstm)")
        }
        guard wih.shape[0] == GH else {
            throw fail(P + "weight_ih_l0", "has \(wih.shape[0]) rows, expected \(GH) like \(JSONReader.printable(P + "weight_hh_l0")) (G·H for a \(kind.rawValue) with H = \(H))")
        }
        used[P + "weight_ih_l0"] = "weight_ih_l0"
        used[P + "weight_hh_l0"] = "weight_hh_l0"
        for b in ["bias_ih_l0", "bias_hh_l0"] where tensor(P + b) != nil {
            guard let t = tensor(P + b), t.shape == [GH] else {
                throw fail(P + b, "has shape \(tensor(P + b)?.shapeDescription ?? "?"), expected \(GH) numbers (G·H)")
            }
            used[P + b] = b
        }
        // The cell: the registered cell of this kind whose own tensors (peepholes) are all present.
        let candidates = RecurrentCells.registered.filter { $0.kind == kind }
            .sorted { $0.extraTensors(hiddenSize: H).count > $1.extraTensors(hiddenSize: H).count }
        var chosen: (any RecurrentCell)?
        for cell in candidates {
            let extras = cell.extraTensors(hiddenSize: H)
            let present = extras.filter { tensor(P + $0.name) != nil }
            if present.count == extras.count { chosen = cell; break }
            if !present.isEmpty, let missing = extras.first(where: { tensor(P + $0.name) == nil }) {
                throw fail(P + missing.name, "missing: a \(cell.displayName) has \(extras.map(\.name).joined(separator: ", ")), and \(JSONReader.printable(P + present[0].name)) is here")
            }
        }
        guard let cell = chosen else { throw fail(P + suffix, "no cell of kind \(kind.rawValue) is registered") }
        for shape in cell.extraTensors(hiddenSize: H) {
            let want = shape.columns.map { [shape.rows, $0] } ?? [shape.rows]
            guard let t = tensor(P + shape.name), t.shape == want else {
                throw fail(P + shape.name, "has shape \(tensor(P + shape.name)?.shapeDescription ?? "?"), expected \(StoredTensor.describe(want))")
            }
            used[P + shape.name] = shape.name
        }

        // Header fields the tensors settle must agree with them.
        if let (v, source) = field("cell"), v != .string(kind.rawValue) {
            throw fail("cell", "\(source.phrase) says \(ModelFile.describe(v)), but \(JSONReader.printable(P + "weight_hh_l0")) (\(whh.shapeDescription)) is a \(kind.rawValue)")
        }
        for (key, value) in [("input_size", I), ("hidden_size", H)] {
            if let (v, source) = field(key), v != .number(Double(value)) {
                throw fail(key, "\(source.phrase) says \(ModelFile.describe(v)), but the tensors have \(key) \(value)")
            }
        }
        for flag in RecurrentCells.fileFlags.sorted() {
            if let (v, source) = field(flag), v != .bool(cell.fileFlags.contains(flag)) {
                throw fail(flag, "\(source.phrase) says \(ModelFile.describe(v)), but the tensors are a \(cell.displayName)")
            }
        }

        // The read-out (O × H) and the embedding (V × I) among the other 2-D `.weight` tensors.
        func module(_ name: String) -> String? {
            if name == "weight" { return "" }
            return name.hasSuffix(".weight") ? String(name.dropLast("weight".count)) : nil
        }
        let rest = names.filter { used[$0] == nil }
        let weights = rest.filter { module($0) != nil && tensor($0)?.shape.count == 2 }
        func hasBias(_ name: String) -> Bool { module(name).map { tensor($0 + "bias") != nil } ?? false }
        func named(_ hint: String?, option: String) throws(ModelFileError) -> String? {
            guard let hint else { return nil }
            let name = hint.hasSuffix("weight") ? hint : (hint.isEmpty ? "weight" : hint + ".weight")
            guard let t = tensor(name) else {
                throw fail(nil, "\(option) \(JSONReader.printable(hint)): no tensor \(JSONReader.printable(name)) (2-D weights here: \(weights.map(JSONReader.printable).joined(separator: ", ")))")
            }
            guard t.shape.count == 2, used[name] == nil else {
                throw fail(name, "named by \(option), but it is \(used[name] != nil ? "part of the recurrent layer" : "not a matrix (\(t.shapeDescription))")")
            }
            return name
        }
        let realInput = field("input")?.value == .string("real")
        var head = try named(hints.head, option: "--head")
        var embedding = try named(hints.embedding, option: "--embedding")
        if let head, tensor(head)?.shape[1] != H {
            throw fail(head, "named by --head, but it is \(tensor(head)?.shapeDescription ?? "?"); a read-out is O × H = O × \(H)")
        }
        if let embedding, tensor(embedding)?.shape[1] != I {
            throw fail(embedding, "named by --embedding, but it is \(tensor(embedding)?.shapeDescription ?? "?"); an embedding is V × I = V × \(I)")
        }
        // The JSON format's own names decide first (a file `unroll convert` wrote).
        if head == nil, tensor("head.weight")?.shape.count == 2, tensor("head.weight")?.shape[1] == H, embedding != "head.weight" { head = "head.weight" }
        if embedding == nil, !realInput, tensor("embedding.weight")?.shape.count == 2, tensor("embedding.weight")?.shape[1] == I,
           head != "embedding.weight" { embedding = "embedding.weight" }
        if head == nil {
            let options = weights.filter { tensor($0)?.shape[1] == H && $0 != embedding }
            let withBias = options.filter(hasBias)
            if options.count == 1 {
                head = options[0]
            } else if withBias.count == 1 {
                head = withBias[0]
            } else if options.count > 1 {
                let listed = options.map { "\(JSONReader.printable($0)) (\(tensor($0)?.shapeDescription ?? "?"))" }.joined(separator: ", ")
                throw fail(nil, "has \(options.count) candidate read-outs of shape O × \(H): \(listed); name one with --head \(JSONReader.printable(module(options[0]).map { String($0.dropLast()) } ?? options[0]))")
            }
        }
        if embedding == nil, !realInput {
            let options = weights.filter { tensor($0)?.shape[1] == I && $0 != head && !hasBias($0) }
            if options.count == 1 {
                embedding = options[0]
            } else if options.count > 1 {
                let listed = options.map { "\(JSONReader.printable($0)) (\(tensor($0)?.shapeDescription ?? "?"))" }.joined(separator: ", ")
                throw fail(nil, "has \(options.count) candidate embeddings of shape V × \(I): \(listed); name one with --embedding \(JSONReader.printable(module(options[0]).map { String($0.dropLast()) } ?? options[0]))")
            }
        }
        if let head, let t = tensor(head) {
            used[head] = "head.weight"
            if let m = module(head), let b = tensor(m + "bias") {
                guard b.shape == [t.shape[0]] else {
                    throw fail(m + "bias", "has shape \(b.shapeDescription), expected \(t.shape[0]) numbers (one per row of \(JSONReader.printable(head)))")
                }
                used[m + "bias"] = "head.bias"
            }
        }
        if let embedding { used[embedding] = "embedding.weight" }

        // A vocabulary must name every token: V rows of the embedding, or the I one-hot inputs.
        if case let (.array(items), source)? = field("vocab") {
            let expected = embedding.flatMap { tensor($0)?.shape[0] } ?? I
            if items.count != expected {
                let what = embedding.map { "\(JSONReader.printable($0)) has \(expected) rows (one per token)" }
                    ?? "the layer takes \(I) one-hot inputs (\(JSONReader.printable(P + "weight_ih_l0")) has \(I) columns)"
                throw fail("vocab", "from \(source.phrase) has \(items.count) entries, but \(what): give \(expected) words with --vocab \"…\"")
            }
        }
        for name in rest where used[name] == nil {
            warnings.append("ignored tensor \(JSONReader.printable(name)) (\(tensor(name)?.shapeDescription ?? "?")): not the recurrent layer, the read-out or the embedding")
        }

        // The JSON model document.
        var members: [JSONMember] = [
            JSONMember(key: "format", value: .string("unroll-model")), JSONMember(key: "version", value: .number(1)),
            JSONMember(key: "cell", value: .string(kind.rawValue)),
        ]
        for flag in cell.fileFlags { members.append(JSONMember(key: flag, value: .bool(true))) }
        members.append(JSONMember(key: "input_size", value: .number(Double(I))))
        members.append(JSONMember(key: "hidden_size", value: .number(Double(H))))
        for f in fields where !Self.structuralFields.contains(f.key) && !RecurrentCells.fileFlags.contains(f.key) {
            members.append(JSONMember(key: f.key, value: f.value))
        }
        var stateDict: [JSONMember] = []
        let order = ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"] + cell.extraTensors(hiddenSize: H).map(\.name)
            + ["head.weight", "head.bias", "embedding.weight"]
        var sourceNames: [String: String] = [:]
        for (fileName, jsonName) in used { sourceNames[jsonName] = fileName }
        for jsonName in order {
            guard let fileName = sourceNames[jsonName], let t = tensor(fileName) else { continue }
            let values = t.values
            if let bad = values.firstIndex(where: { !$0.isFinite }) {
                throw fail(fileName, "holds \(values[bad]) at element \(bad) (expected finite numbers)")
            }
            let block = NumberBlock(shape: t.shape.isEmpty ? [1] : t.shape, values: values)
            stateDict.append(JSONMember(key: jsonName, value: .numbers(block)))
        }
        members.append(JSONMember(key: "state_dict", value: .object(stateDict)))
        self.document = .object(members)
        self.warnings = warnings.map { "\(file): \($0)" }
        self.sourceNames = sourceNames
        self.file = file
    }

    /// Decodes the document with the JSON codec; an error about a tensor names the file's tensor.
    public func model() throws(ModelFileError) -> RecurrentModel {
        do {
            return try ModelFile.decode(document, file: file)
        } catch {
            guard let key = error.key, key.hasPrefix("state_dict.") else { throw error }
            let rest = String(key.dropFirst("state_dict.".count))
            for (jsonName, fileName) in sourceNames where rest == jsonName || rest.hasPrefix(jsonName + "[") {
                throw ModelFileError(kind: error.kind, file: error.file, key: JSONReader.printable(fileName) + rest.dropFirst(jsonName.count),
                                     message: error.message, line: error.line, column: error.column)
            }
            throw error
        }
    }
}
