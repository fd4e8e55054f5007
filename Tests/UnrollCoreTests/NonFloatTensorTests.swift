import Foundation
import Testing
@testable import UnrollCore

/// Integer buffers in a `state_dict` (BatchNorm's `num_batches_tracked`, an int64 step counter) are
/// skipped with a warning naming them, in `.pt` and `.safetensors` alike; the model loads.
@Suite struct NonFloatTensorTests {
    @Test func anInt64BufferInAPtFileIsSkippedWithAWarning() throws {
        var rng = SeededRandom(seed: 3)
        let float: [(name: String, key: String, count: Int, shape: [Int])] = [
            ("rnn.weight_ih_l0", "0", 6, [3, 2]), ("rnn.weight_hh_l0", "1", 9, [3, 3]),
        ]
        var pickle = PickleWriter()
        pickle.op(0x7D); pickle.op(0x28)
        for t in float { pickle.string(t.name); pickle.tensor(storage: t.key, type: "FloatStorage", count: t.count, shape: t.shape) }
        pickle.string("bn.num_batches_tracked"); pickle.tensor(storage: "2", type: "LongStorage", count: 1, shape: [])
        pickle.op(0x75); pickle.op(0x2E)
        let storages = [("0", float32Bytes((0..<6).map { _ in rng.uniform(-1, 1) })), ("1", float32Bytes((0..<9).map { _ in rng.uniform(-1, 1) })),
                        ("2", [UInt8](repeating: 7, count: 8))]
        let loaded = try loadStateDict(TestZip.torch(pickle: pickle.bytes, storages: storages))
        #expect(loaded.model.hiddenSize == 3 && loaded.model.inputSize == 2)
        #expect(loaded.warnings.contains { $0.contains("skipped tensor bn.num_batches_tracked (int64)") }, "\(loaded.warnings)")
    }

    @Test func nonFloatTensorsInSafetensorsAreSkippedWithAWarning() throws {
        let header = #"{"w.weight_ih_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[0,12]},"w.weight_hh_l0":{"dtype":"F32","shape":[3,1],"data_offsets":[12,24]},"bn.num_batches_tracked":{"dtype":"I64","shape":[],"data_offsets":[24,32]},"mask":{"dtype":"BOOL","shape":[2],"data_offsets":[32,34]}}"#
        let bytes = safetensorsBytes(header: header, data: float32Bytes([1, 2, 3, 4, 5, 6]) + [UInt8](repeating: 1, count: 10))
        let loaded = try loadStateDict(bytes, kind: .safetensors, file: "m.safetensors")
        #expect(loaded.model.hiddenSize == 1)
        #expect(loaded.warnings.contains { $0.contains("skipped tensor bn.num_batches_tracked (I64)") })
        #expect(loaded.warnings.contains { $0.contains("skipped tensor mask (BOOL)") })
    }
}
