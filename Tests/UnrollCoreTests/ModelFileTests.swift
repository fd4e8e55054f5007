import Foundation
import Testing
@testable import UnrollCore

/// Every rule of model-format.md broken once: a `.malformed` error naming the key.
@Suite struct ModelFileTests {
    /// A valid LSTM file as a mutable dictionary tree.
    static func validObject() throws -> [String: Any] {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("book-lstm.model.json"))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    static func decode(_ object: [String: Any]) throws -> RecurrentModel {
        try ModelFile.decode(JSONSerialization.data(withJSONObject: object), file: "m.json")
    }

    struct Breakage: CustomStringConvertible, Sendable {
        let name: String
        let key: String
        let edit: @Sendable (inout [String: Any]) -> Void
        var description: String { name }
    }

    static func stateDict(_ o: inout [String: Any], _ edit: (inout [String: Any]) -> Void) {
        var sd = o["state_dict"] as? [String: Any] ?? [:]
        edit(&sd)
        o["state_dict"] = sd
    }

    static let breakages: [Breakage] = [
        Breakage(name: "wrong format", key: "format") { $0["format"] = "pytorch" },
        Breakage(name: "missing format", key: "format") { $0["format"] = nil },
        Breakage(name: "wrong version", key: "version") { $0["version"] = 2 },
        Breakage(name: "unknown cell", key: "cell") { $0["cell"] = "transformer" },
        Breakage(name: "missing cell", key: "cell") { $0["cell"] = nil },
        Breakage(name: "nonlinearity on lstm", key: "nonlinearity") { $0["nonlinearity"] = "relu" },
        Breakage(name: "bad nonlinearity", key: "nonlinearity") { $0["cell"] = "rnn"; $0["nonlinearity"] = "sigmoid" },
        Breakage(name: "input_size not integer", key: "input_size") { $0["input_size"] = 2.5 },
        Breakage(name: "hidden_size zero", key: "hidden_size") { $0["hidden_size"] = 0 },
        Breakage(name: "missing hidden_size", key: "hidden_size") { $0["hidden_size"] = nil },
        Breakage(name: "duplicate vocab", key: "vocab[4]") { $0["vocab"] = ["Doug", "Jane", "Spot", "saw", "Doug"] },
        Breakage(name: "vocab length", key: "vocab") { $0["vocab"] = ["Doug", "Jane", "Spot", "saw"] },
        Breakage(name: "vocab not strings", key: "vocab[1]") { $0["vocab"] = ["Doug", 3, "Spot", "saw", "."] },
        Breakage(name: "hidden_labels length", key: "hidden_labels") { $0["hidden_labels"] = ["a", "b"] },
        Breakage(name: "missing state_dict", key: "state_dict") { $0["state_dict"] = nil },
        Breakage(name: "missing weight_ih", key: "state_dict.weight_ih_l0") { stateDict(&$0) { $0["weight_ih_l0"] = nil } },
        Breakage(name: "missing weight_hh", key: "state_dict.weight_hh_l0") { stateDict(&$0) { $0["weight_hh_l0"] = nil } },
        Breakage(name: "wrong rows", key: "state_dict.weight_hh_l0") {
            stateDict(&$0) { sd in sd["weight_hh_l0"] = (sd["weight_hh_l0"] as? [[Double]]).map { Array($0.dropLast()) } }
        },
        Breakage(name: "ragged row", key: "state_dict.weight_ih_l0[3]") {
            stateDict(&$0) { sd in
                var m = sd["weight_ih_l0"] as? [[Double]] ?? []
                m[3].removeLast()
                sd["weight_ih_l0"] = m
            }
        },
        Breakage(name: "non-number entry", key: "state_dict.weight_ih_l0[0][1]") {
            stateDict(&$0) { sd in
                var m = sd["weight_ih_l0"] as? [[Any]] ?? []
                m[0][1] = "NaN"
                sd["weight_ih_l0"] = m
            }
        },
        Breakage(name: "bias length", key: "state_dict.bias_ih_l0") {
            stateDict(&$0) { sd in sd["bias_ih_l0"] = [0.0, 1.0] }
        },
        Breakage(name: "head bias length", key: "state_dict.head.bias") {
            stateDict(&$0) { sd in sd["head.bias"] = [0.0] }
        },
        Breakage(name: "head weight columns", key: "state_dict.head.weight[0]") {
            stateDict(&$0) { sd in sd["head.weight"] = [[1.0, 2.0]] }
        },
        Breakage(name: "unknown parameter", key: "state_dict.weight_ih_l1") {
            stateDict(&$0) { sd in sd["weight_ih_l1"] = [[1.0]] }
        },
    ]

    @Test(arguments: breakages)
    func brokenRuleIsRefusedNamingTheKey(_ b: Breakage) throws {
        var o = try Self.validObject()
        b.edit(&o)
        do {
            _ = try Self.decode(o)
            Issue.record("\(b.name): accepted")
        } catch let e as ModelFileError {
            #expect(e.kind == .malformed)
            #expect(e.key == b.key, "\(b.name): \(e)")
            #expect(e.description.hasPrefix("m.json: "))
        }
    }

    @Test func keysTheFormatDoesNotDefineAreIgnored() throws {
        var o = try Self.validObject()
        o["notes"] = "exported from PyTorch 2.4"
        o["training"] = ["epochs": 800]
        let model = try Self.decode(o)
        #expect(model.kind == .lstm && model.hiddenSize == 6)
    }

    @Test func nonFiniteNumberIsRefused() throws {
        let text = #"{"format":"unroll-model","version":1,"cell":"rnn","input_size":1,"hidden_size":1,"state_dict":{"weight_ih_l0":[[1e999]],"weight_hh_l0":[[0.5]]}}"#
        #expect(throws: ModelFileError.self) { try ModelFile.decode(Data(text.utf8), file: "inf.json") }
    }

    @Test func notJSONAndMissingFile() throws {
        #expect(throws: ModelFileError.self) { try ModelFile.decode(Data("{nope".utf8), file: "x.json") }
        do {
            _ = try ModelFile.load(path: "/nonexistent/model.json")
            Issue.record("loaded a missing file")
        } catch let e as ModelFileError {
            #expect(e.kind == .notFound)
        }
    }

    @Test func validFileRoundTrips() throws {
        let model = try Fixtures.model("book-gru.model.json")
        #expect(model.kind == .gru && model.hiddenSize == 4 && model.outputSize == 5)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("unroll-roundtrip-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("m.json").path
        try ModelFile.save(model, to: path)
        let back = try ModelFile.load(path: path)
        #expect(back == model)
        try? FileManager.default.removeItem(at: dir)
    }

    @Test func absentBiasesAreZeroAndHeadless() throws {
        let text = #"{"format":"unroll-model","version":1,"cell":"rnn","input_size":2,"hidden_size":2,"state_dict":{"weight_ih_l0":[[1,0],[0,1]],"weight_hh_l0":[[0.5,0],[0,0.5]]}}"#
        let m = try ModelFile.decode(Data(text.utf8), file: "small.json")
        #expect(!m.layout.hasHead && m.outputSize == 2)
        #expect(m.biasIH(0) == 0 && m.biasHH(1) == 0)
        #expect(m.layout.tensors.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0"])
    }
}
