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
    /// The recurrent layer's module prefix in the file (`lstm.`), empty for a file of the JSON names.
    public let prefix: String

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
    static let structuralFields: Set<String> = ["format", "version", "cell", "input_size", "hidden_size", "state_dict", "num_layers", "bidirectional"]

    /// The most stacked layers the core runs (ModelFile's `num_layers` cap).
    static let maxLayers = 16

    /// `weight_ih_l2_reverse` → layer 2, reverse; nil for a name that is no layer tensor.
    static func layerSuffix(_ rest: String) -> (layer: Int, reverse: Bool)? {
        var body = Substring(rest)
        let reverse = body.hasSuffix("_reverse")
        if reverse { body = body.dropLast("_reverse".count) }
        guard let mark = body.range(of: "_l", options: .backwards) else { return nil }
        let digits = body[mark.upperBound...]
        guard !digits.isEmpty, digits.count <= 3, digits.allSatisfy(\.isASCII), let layer = Int(digits) else { return nil }
        let base = String(body[..<mark.lowerBound])
        let bases = Set(["weight_ih", "weight_hh", "bias_ih", "bias_hh"]
            + RecurrentCells.registered.flatMap { $0.extraTensors(hiddenSize: 1).map { String($0.name.dropLast(3)) } })
        return bases.contains(base) ? (layer, reverse) : nil
    }

    /// A tensor as a JSON number block, its numbers checked finite.
    static func block(_ t: StoredTensor, name: String, file: String) throws(ModelFileError) -> JSONNode {
        let values = t.values
        if let bad = values.firstIndex(where: { !$0.isFinite }) {
            throw ModelFileError(kind: .malformed, file: file, key: JSONReader.printable(name),
                                 message: "holds \(values[bad]) at element \(bad) (expected finite numbers)")
        }
        guard !values.isEmpty else { return .array([]) }
        return .numbers(NumberBlock(shape: t.shape.isEmpty ? [1] : t.shape, values: values))
    }

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

        let names = tensors.names
        // A network of another shape written by `unroll convert` (an encoder–decoder): the tensors carry
        // the JSON names already, and the metadata the header; the codec checks it all.
        if field("shape") != nil, field("shape")?.source == .metadata {
            var members: [JSONMember] = [JSONMember(key: "format", value: .string("unroll-model")), JSONMember(key: "version", value: .number(1))]
            for f in fields where f.key != "format" && f.key != "version" { members.append(JSONMember(key: f.key, value: f.value)) }
            var stateDict: [JSONMember] = []
            for name in names {
                guard let t = tensors[name] else { continue }
                stateDict.append(JSONMember(key: name, value: try Self.block(t, name: name, file: file)))
            }
            members.append(JSONMember(key: "state_dict", value: .object(stateDict)))
            self.document = .object(members)
            self.warnings = warnings.map { "\(file): \($0)" }
            self.sourceNames = Dictionary(uniqueKeysWithValues: names.map { ($0, $0) })
            self.file = file
            self.prefix = ""
            return
        }

        // The recurrent layer: the one prefix P with P + weight_ih_l0.
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
        // Stacked layers (`_l1`, …) and the reverse direction (`_reverse`), as far as the core runs them.
        var layerTensors: [(name: String, json: String, layer: Int, reverse: Bool)] = []
        for name in names where name.hasPrefix(P) {
            let rest = String(name.dropFirst(P.count))
            if let s = Self.layerSuffix(rest) { layerTensors.append((name, rest, s.layer, s.reverse)) }
        }
        let L = 1 + (layerTensors.filter { $0.json.hasPrefix("weight_ih_l") }.map(\.layer).max() ?? 0)
        let D = layerTensors.contains { $0.reverse } ? 2 : 1
        guard L <= Self.maxLayers else {
            throw fail(P + "weight_ih_l\(L - 1)", "a stack of \(L) layers; Unroll runs at most \(Self.maxLayers)")
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

        for t in layerTensors where used[t.name] == nil && (t.layer > 0 || t.reverse) { used[t.name] = t.json }

        // Header fields the tensors settle must agree with them.
        if let (v, source) = field("cell"), v != .string(kind.rawValue) {
            throw fail("cell", "\(source.phrase) says \(ModelFile.describe(v)), but \(JSONReader.printable(P + "weight_hh_l0")) (\(whh.shapeDescription)) is a \(kind.rawValue)")
        }
        for (key, value) in [("input_size", I), ("hidden_size", H)] {
            if let (v, source) = field(key), v != .number(Double(value)) {
                throw fail(key, "\(source.phrase) says \(ModelFile.describe(v)), but the tensors have \(key) \(value)")
            }
        }
        if let (v, source) = field("num_layers"), v != .number(Double(L)) {
            throw fail("num_layers", "\(source.phrase) says \(ModelFile.describe(v)), but the tensors have \(L) layer\(L == 1 ? "" : "s")")
        }
        if let (v, source) = field("bidirectional"), v != .bool(D == 2) {
            throw fail("bidirectional", "\(source.phrase) says \(ModelFile.describe(v)), but the tensors run \(D == 2 ? "both directions" : "one direction")")
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
        let F = D * H
        if let head, tensor(head)?.shape[1] != F {
            throw fail(head, "named by --head, but it is \(tensor(head)?.shapeDescription ?? "?"); a read-out is O × \(D == 2 ? "2·H" : "H") = O × \(F)")
        }
        if let embedding, tensor(embedding)?.shape[1] != I {
            throw fail(embedding, "named by --embedding, but it is \(tensor(embedding)?.shapeDescription ?? "?"); an embedding is V × I = V × \(I)")
        }
        // The JSON format's own names decide first (a file `unroll convert` wrote).
        if head == nil, tensor("head.weight")?.shape.count == 2, tensor("head.weight")?.shape[1] == F, embedding != "head.weight" { head = "head.weight" }
        if embedding == nil, !realInput, tensor("embedding.weight")?.shape.count == 2, tensor("embedding.weight")?.shape[1] == I,
           head != "embedding.weight" { embedding = "embedding.weight" }
        if head == nil {
            let options = weights.filter { tensor($0)?.shape[1] == F && $0 != embedding }
            let withBias = options.filter(hasBias)
            if options.count == 1 {
                head = options[0]
            } else if withBias.count == 1 {
                head = withBias[0]
            } else if options.count > 1 {
                let listed = options.map { "\(JSONReader.printable($0)) (\(tensor($0)?.shapeDescription ?? "?"))" }.joined(separator: ", ")
                throw fail(nil, "has \(options.count) candidate read-outs of shape O × \(F): \(listed); name one with --head \(JSONReader.printable(module(options[0]).map { String($0.dropLast()) } ?? options[0]))")
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
        for (name, dtype) in tensors.skipped {
            warnings.append("skipped tensor \(JSONReader.printable(name)) (\(dtype)): not floating point, so not a weight Unroll reads")
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
        if L > 1 || D > 1 {
            members.append(JSONMember(key: "num_layers", value: .number(Double(L))))
            members.append(JSONMember(key: "bidirectional", value: .bool(D == 2)))
        }
        for f in fields where !Self.structuralFields.contains(f.key) && !RecurrentCells.fileFlags.contains(f.key) {
            members.append(JSONMember(key: f.key, value: f.value))
        }
        var stateDict: [JSONMember] = []
        var sourceNames: [String: String] = [:]
        for (fileName, jsonName) in used { sourceNames[jsonName] = fileName }
        for fileName in names {
            guard let jsonName = used[fileName], let t = tensor(fileName) else { continue }
            stateDict.append(JSONMember(key: jsonName, value: try Self.block(t, name: fileName, file: file)))
        }
        members.append(JSONMember(key: "state_dict", value: .object(stateDict)))
        self.document = .object(members)
        self.warnings = warnings.map { "\(file): \($0)" }
        self.sourceNames = sourceNames
        self.file = file
        self.prefix = P
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
            // A tensor the layer lacks (weight_hh_l1): named with the layer's prefix, as the file would name it.
            throw ModelFileError(kind: error.kind, file: error.file, key: JSONReader.printable(prefix) + rest,
                                 message: error.message, line: error.line, column: error.column)
        }
    }
}
