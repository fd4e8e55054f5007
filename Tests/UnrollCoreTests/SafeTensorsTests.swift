import Foundation
import Testing
@testable import UnrollCore

/// `.safetensors`: read with its metadata, written from a model, and every broken header refused.
@Suite struct SafeTensorsTests {
    @Test func theReferenceFileReadsWithItsMetadata() throws {
        let loaded = try ModelFile.load(path: Fixtures.path("st-gru-book.safetensors"), hints: StateDictHints())
        #expect(loaded.model.kind == .gru && loaded.model.inputSize == 5 && loaded.model.hiddenSize == 4 && loaded.model.outputSize == 5)
        #expect(loaded.model.vocab == ["Doug", "Jane", "Spot", "saw", "."])
        #expect(loaded.model.name == "book gru (safetensors)")
        #expect(loaded.warnings.isEmpty)
    }

    /// Every shipped model and JSON fixture: JSON → safetensors → JSON gives the same text.
    @Test func jsonToSafetensorsToJSONIsExact() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var checked = 0
        var shapes = 0
        for folder in [root.appendingPathComponent("lessons/models"), root.appendingPathComponent("lessons/models/shapes"), Fixtures.directory] {
            for file in try FileManager.default.contentsOfDirectory(atPath: folder.path).sorted() where file.hasSuffix(".model.json") || folder.lastPathComponent != "Fixtures" && file.hasSuffix(".json") {
                let path = folder.appendingPathComponent(file).path
                guard let model = try? ModelFile.load(path: path) else { continue }
                let st = SafeTensors.encode(model)
                let back = try ModelFile.decode(st, file: "x.safetensors", kind: .safetensors).model
                #expect(back == model, "\(file)")
                #expect(ModelFile.encode(back).serialized(indent: 1) == ModelFile.encode(model).serialized(indent: 1), "\(file)")
                checked += 1
                if folder.lastPathComponent == "shapes" { shapes += 1 }
            }
        }
        #expect(checked >= 8)
        #expect(shapes == 3, "the stacked, bidirectional and encoder–decoder models")
    }

    @Test func theWrittenHeaderIsPaddedAndNamesTheJSONTensors() throws {
        let model = try Fixtures.model("book-lstm.model.json")
        let bytes = [UInt8](SafeTensors.encode(model))
        let n = (0..<8).reduce(0) { $0 | Int(bytes[$1]) << (8 * $1) }
        #expect(n % 8 == 0)
        let header = try JSONValue.parse(Data(bytes[8..<(8 + n)]))
        #expect(header["weight_ih_l0"]?["dtype"] == .string("F64"))
        #expect(header["head.weight"]?["shape"] == .array([.number(Double(model.outputSize)), .number(Double(model.hiddenSize))]))
        guard case let .string(meta)? = header["__metadata__"]?["unroll"] else { Issue.record("no unroll metadata"); return }
        let fields = try JSONValue.parse(Data(meta.utf8))
        #expect(fields["vocab"] != nil && fields["state_dict"] == nil && fields["cell"] == .string("lstm"))
        #expect(bytes.count == 8 + n + model.parameters.count * 8)
    }

    static let gru = #"{"w.weight_ih_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[0,12]},"w.weight_hh_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[12,24]}}"#

    @Test func aSmallHandWrittenFileReads() throws {
        let loaded = try loadStateDict(safetensorsBytes(header: Self.gru, data: float32Bytes([1, 2, 3, 4, 5, 6])), kind: .safetensors, file: "g.safetensors")
        #expect(loaded.model.kind == .gru && loaded.model.hiddenSize == 1 && loaded.model.parameters.prefix(6) == [1, 2, 3, 4, 5, 6])
    }

    /// The bad-input list of the issue, each one line naming the file and what was expected.
    @Test(arguments: [
        ("header longer than the file", safetensorsBytes(header: gru, data: [], declaredLength: 1 << 40), "longer than"),
        ("invalid header JSON", safetensorsBytes(header: #"{"a": [1, 2,]}"#, data: []), "not valid JSON"),
        ("overlapping offsets", safetensorsBytes(header: #"{"w.weight_ih_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[0,12]},"w.weight_hh_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[8,20]}}"#, data: float32Bytes([1, 2, 3, 4, 5, 6])), "overlap"),
        ("out-of-range offsets", safetensorsBytes(header: #"{"w.weight_ih_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[0,12]},"w.weight_hh_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[12,24]}}"#, data: float32Bytes([1, 2, 3, 4])), "out of range"),
        ("unknown dtype", safetensorsBytes(header: #"{"w.weight_ih_l0":{"dtype":"Q4","shape":[1],"data_offsets":[0,8]}}"#, data: [UInt8](repeating: 0, count: 8)), "unknown dtype \"Q4\""),
        ("an int64 tensor's span not matching its shape", safetensorsBytes(header: #"{"bn.num_batches_tracked":{"dtype":"I64","shape":[],"data_offsets":[0,4]}}"#, data: [UInt8](repeating: 0, count: 4)), "expected 8"),
        ("offsets not matching the shape", safetensorsBytes(header: #"{"w.weight_ih_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[0,8]}}"#, data: float32Bytes([1, 2, 3])), "expected 12"),
        ("too short", [UInt8](repeating: 0, count: 5), "too short"),
        ("not JSON after the length", safetensorsBytes(header: "PK\u{3}\u{4}", data: []), "expected a JSON object"),
        ("metadata not strings", safetensorsBytes(header: #"{"__metadata__":{"unroll":{"vocab":[]}}}"#, data: []), "__metadata__.unroll: expected a string"),
        ("vocab of the wrong length in metadata", safetensorsBytes(header: #"{"__metadata__":{"unroll":"{\"vocab\": [\"a\", \"b\"]}"},"w.weight_ih_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[0,12]},"w.weight_hh_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[12,24]}}"#, data: float32Bytes([1, 2, 3, 4, 5, 6])), "vocab: from the file's metadata (key \"unroll\") has 2 entries, but the layer takes 1 one-hot inputs"),
        ("missing weight_hh_l0", safetensorsBytes(header: #"{"w.weight_ih_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[0,12]}}"#, data: float32Bytes([1, 2, 3])), "w.weight_hh_l0: missing"),
        ("a non-finite weight", safetensorsBytes(header: gru, data: float32Bytes([1, 2, .infinity, 4, 5, 6])), "expected finite numbers"),
    ] as [(String, [UInt8], String)])
    func badFilesAreRefused(_ what: String, _ bytes: [UInt8], _ phrase: String) {
        do {
            _ = try loadStateDict(bytes, kind: .safetensors, file: "bad.safetensors")
            Issue.record("\(what): accepted")
        } catch {
            #expect(error.kind == .malformed)
            #expect(error.description.hasPrefix("bad.safetensors"), "\(what): \(error)")
            #expect(error.description.contains(phrase), "\(what): \(error)")
            #expect(!error.description.contains("\n"))
        }
    }
}
