import Foundation
import Testing
@testable import UnrollCore

/// Model files of every shape through the one codec: round trips, the single-layer format untouched,
/// one rule for unknown keys, and every rule broken once.
@Suite struct ShapedModelFileTests {
    static func stacked(layers: Int, bidirectional: Bool, kind: CellKind = .lstm, nonlinearity: Nonlinearity = .tanh) -> RecurrentModel {
        var m = RecurrentModel(kind: kind, inputSize: 3, hiddenSize: 2, numLayers: layers, bidirectional: bidirectional, outputSize: 3,
                           nonlinearity: nonlinearity, vocab: ["a", "b", "c"])
        var p = m.parameters
        ShapeProblem.randomise(&p, seed: 13)
        m.parameters = p
        m.hiddenLabels = ["u", "v"]
        m.name = "test"
        m.description = "a test network"
        return m
    }

    static func encoderDecoder() -> RecurrentModel {
        var m = RecurrentModel.encoderDecoder(kind: .gru, inputSize: 3, decoderInputSize: 4, hiddenSize: 2, numLayers: 2, outputSize: 4,
                                              vocab: ["a", "b", "c"], decoderVocab: ["w", "x", "y", "z"])
        var p = m.networkParameters
        ShapeProblem.randomise(&p, seed: 17)
        m.networkParameters = p
        m.name = "seq2seq"
        return m
    }

    static func roundTrip(_ model: RecurrentModel) throws -> RecurrentModel {
        try ModelFile.decode(Data(ModelFile.encode(model).serialized(indent: 1).utf8), file: "m.json")
    }

    @Test(arguments: [(2, false, CellKind.lstm), (1, true, .gru), (2, true, .rnn), (3, false, .gru)])
    func stacksRoundTrip(_ layers: Int, _ bidirectional: Bool, _ kind: CellKind) throws {
        let m = Self.stacked(layers: layers, bidirectional: bidirectional, kind: kind, nonlinearity: kind == .rnn ? .relu : .tanh)
        #expect(try Self.roundTrip(m) == m)
        let text = ModelFile.encode(m).serialized()
        #expect(text.contains("\"num_layers\":\(layers)") && text.contains("\"bidirectional\":\(bidirectional)"))
    }

    @Test func headlessStackAndEncoderDecoderRoundTrip() throws {
        var headless = RecurrentModel(kind: .rnn, inputSize: 2, hiddenSize: 2, numLayers: 2, hasHead: false)
        var p = headless.parameters
        ShapeProblem.randomise(&p, seed: 2)
        headless.parameters = p
        #expect(try Self.roundTrip(headless) == headless)
        let ed = Self.encoderDecoder()
        #expect(try Self.roundTrip(ed) == ed)
        let path = NSTemporaryDirectory() + "shaped-\(UUID().uuidString).json"
        defer { try? FileManager.default.removeItem(atPath: path) }
        try ModelFile.save(ed, to: path)
        #expect(try ModelFile.load(path: path) == ed)
    }

    /// A single-layer file reads as a one-layer network and is written back byte for byte; the one
    /// codec reads every shape.
    @Test func theSingleLayerFormatIsUntouched() throws {
        let path = Fixtures.path("book-lstm.model.json")
        let plain = try ModelFile.load(path: path)
        #expect(plain.layout.isSingleLayer && !plain.isEncoderDecoder)
        let text = ModelFile.encode(plain).serialized(indent: 1)
        #expect(!text.contains("num_layers") && !text.contains("bidirectional") && !text.contains("shape"))
        #expect(try ModelFile.decode(Data(text.utf8), file: "m.json") == plain)
        // A stacked file is read by the same codec.
        let stackedText = Data(ModelFile.encode(Self.stacked(layers: 2, bidirectional: false)).serialized().utf8)
        let stacked = try ModelFile.decode(stackedText, file: "m.json")
        #expect(stacked.numLayers == 2 && stacked.tensor(named: "weight_hh_l1") != nil)
    }

    /// One rule for top-level keys in every shape: a key the format does not define is ignored.
    @Test func unknownKeysAreIgnoredInEveryShape() throws {
        for name in ["stack", "bidirectional", "seq2seq"] {
            var object = try Self.base(name)
            object["layers"] = 2
            object["notes"] = "exported from PyTorch"
            let m = try ModelFile.decode(try JSONSerialization.data(withJSONObject: object), file: "m.json")
            let plain = try ModelFile.decode(try JSONSerialization.data(withJSONObject: try Self.base(name)), file: "m.json")
            #expect(m == plain, "\(name)")
        }
    }

    @Test func missingFileIsNotFound() {
        do {
            _ = try ModelFile.load(path: "/nonexistent/shaped.json")
            Issue.record("loaded a missing file")
        } catch let e as ModelFileError {
            #expect(e.kind == .notFound)
        } catch { Issue.record("\(error)") }
    }

    // MARK: Refusals

    struct Breakage: CustomStringConvertible, Sendable {
        let name: String
        let base: String
        let key: String
        let edit: @Sendable (inout [String: Any]) -> Void
        var description: String { name }
    }

    static func edit(_ o: inout [String: Any], stateDict: (inout [String: Any]) -> Void) {
        var sd = o["state_dict"] as? [String: Any] ?? [:]
        stateDict(&sd)
        o["state_dict"] = sd
    }

    static let breakages: [Breakage] = [
        Breakage(name: "zero layers", base: "stack", key: "num_layers") { $0["num_layers"] = 0 },
        Breakage(name: "fractional layers", base: "stack", key: "num_layers") { $0["num_layers"] = 1.5 },
        Breakage(name: "too many layers", base: "stack", key: "num_layers") { $0["num_layers"] = 17 },
        Breakage(name: "bidirectional not a boolean", base: "stack", key: "bidirectional") { $0["bidirectional"] = "yes" },
        Breakage(name: "unknown shape", base: "stack", key: "shape") { $0["shape"] = "tree" },
        Breakage(name: "decoder fields on a stack", base: "stack", key: "decoder_input_size") { $0["decoder_input_size"] = 3 },
        Breakage(name: "wrong format", base: "stack", key: "format") { $0["format"] = "pytorch" },
        Breakage(name: "unknown cell", base: "stack", key: "cell") { $0["cell"] = "transformer" },
        Breakage(name: "nonlinearity on lstm", base: "stack", key: "nonlinearity") { $0["nonlinearity"] = "relu" },
        Breakage(name: "vocab of the wrong size", base: "stack", key: "vocab") { $0["vocab"] = ["a", "b"] },
        Breakage(name: "hidden_labels of the wrong size", base: "stack", key: "hidden_labels") { $0["hidden_labels"] = ["u"] },
        Breakage(name: "missing layer 1", base: "stack", key: "state_dict.weight_ih_l1") { edit(&$0) { $0["weight_ih_l1"] = nil } },
        Breakage(name: "layer 1 reading I columns", base: "stack", key: "state_dict.weight_ih_l1[0]") {
            edit(&$0) { $0["weight_ih_l1"] = Array(repeating: [0.0, 0.0, 0.0], count: 8) }
        },
        Breakage(name: "wrong bias length", base: "stack", key: "state_dict.bias_hh_l1") { edit(&$0) { $0["bias_hh_l1"] = [0.0] } },
        Breakage(name: "a third layer's weights", base: "stack", key: "state_dict.weight_ih_l2") {
            edit(&$0) { $0["weight_ih_l2"] = [[0.0]] }
        },
        Breakage(name: "reverse weights without bidirectional", base: "stack", key: "state_dict.weight_ih_l0_reverse") {
            edit(&$0) { $0["weight_ih_l0_reverse"] = [[0.0]] }
        },
        Breakage(name: "a word in a matrix", base: "stack", key: "state_dict.weight_hh_l1[0][1]") {
            edit(&$0) { sd in
                var w = sd["weight_hh_l1"] as? [[Any]] ?? []
                w[0][1] = "x"
                sd["weight_hh_l1"] = w
            }
        },
        Breakage(name: "missing reverse direction", base: "bidirectional", key: "state_dict.weight_hh_l0_reverse") {
            edit(&$0) { $0["weight_hh_l0_reverse"] = nil }
        },
        Breakage(name: "head reading H, not 2H", base: "bidirectional", key: "state_dict.head.weight[0]") {
            edit(&$0) { $0["head.weight"] = [[0.0, 0.0], [0.0, 0.0], [0.0, 0.0]] }
        },
        Breakage(name: "head.bias without head.weight", base: "bidirectional", key: "state_dict.head.bias") {
            edit(&$0) { $0["head.weight"] = nil }
        },
        Breakage(name: "bidirectional encoder-decoder", base: "seq2seq", key: "bidirectional") { $0["bidirectional"] = true },
        Breakage(name: "missing encoder weights", base: "seq2seq", key: "state_dict.encoder.weight_ih_l0") {
            edit(&$0) { $0["encoder.weight_ih_l0"] = nil }
        },
        Breakage(name: "decoder reading the encoder's input size", base: "seq2seq", key: "state_dict.decoder.weight_ih_l0[0]") {
            edit(&$0) { $0["decoder.weight_ih_l0"] = Array(repeating: [0.0, 0.0, 0.0], count: 6) }
        },
        Breakage(name: "unprefixed weights in an encoder-decoder", base: "seq2seq", key: "state_dict.weight_ih_l0") {
            edit(&$0) { $0["weight_ih_l0"] = [[0.0]] }
        },
        Breakage(name: "duplicate decoder word", base: "seq2seq", key: "decoder_vocab[1]") { $0["decoder_vocab"] = ["w", "w", "y", "z"] },
        Breakage(name: "decoder_vocab of the wrong size", base: "seq2seq", key: "decoder_vocab") { $0["decoder_vocab"] = ["w", "x"] },
        Breakage(name: "decoder_input_size zero", base: "seq2seq", key: "decoder_input_size") { $0["decoder_input_size"] = 0 },
    ]

    static func base(_ name: String) throws -> [String: Any] {
        let model: RecurrentModel
        switch name {
        case "stack": model = stacked(layers: 2, bidirectional: false)
        case "bidirectional": model = stacked(layers: 1, bidirectional: true)
        default: model = encoderDecoder()
        }
        let data = Data(ModelFile.encode(model).serialized().utf8)
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    @Test(arguments: breakages)
    func eachBrokenRuleIsRefusedNamingTheKey(_ b: Breakage) throws {
        var object = try Self.base(b.base)
        b.edit(&object)
        let data = try JSONSerialization.data(withJSONObject: object)
        do {
            let m = try ModelFile.decode(data, file: "m.json")
            Issue.record("\(b): accepted \(m.tensors.map(\.name))")
        } catch let e as ModelFileError {
            #expect(e.kind == .malformed, "\(b)")
            #expect(e.key == b.key, "\(b): \(e)")
            #expect(e.description.hasPrefix("m.json: \(b.key): "), "\(b): \(e)")
        }
    }

    /// The unmodified bases load (so each breakage above is what is refused).
    @Test func theBasesLoad() throws {
        for name in ["stack", "bidirectional", "seq2seq"] {
            _ = try ModelFile.decode(try JSONSerialization.data(withJSONObject: try Self.base(name)), file: "m.json")
        }
    }
}
