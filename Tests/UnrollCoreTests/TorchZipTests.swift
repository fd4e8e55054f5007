import Foundation
import Testing
@testable import UnrollCore

/// `.pt` files as `torch.save(state_dict)` writes them: the zip, the pickle, the storages.
@Suite struct TorchZipTests {
    static func bytes(_ name: String) throws -> [UInt8] { Array(try Data(contentsOf: Fixtures.directory.appendingPathComponent(name))) }

    /// The JSON model a fixture must give (written by scripts/make-torch-fixtures.py with the widened numbers).
    static func expectedModel(_ name: String) throws -> RecurrentModel { try Fixtures.model("\(name).expected-model.json") }

    /// One float64 storage shared by every tensor at different offsets, weight_hh_l0 a transposed view,
    /// prefixes `model.rnn.`/`model.out.`, an OrderedDict with `_metadata`, the sidecar's relu and vocab.
    @Test func sharedStridedStorageWithSidecarReadsExactly() throws {
        let loaded = try ModelFile.load(path: Fixtures.path("sd-rnn-relu-strided.pt"), hints: StateDictHints())
        let want = try Self.expectedModel("sd-rnn-relu-strided")
        #expect(loaded.model == want)
        #expect(loaded.model.nonlinearity == .relu && loaded.model.vocab == ["a", "b", "c", "d"])
        #expect(loaded.warnings.count == 1 && loaded.warnings[0].contains("model.scale.running_mean"), "\(loaded.warnings)")
    }

    /// float16 and bfloat16 storages, big-endian, pickle protocol 4, a plain dict, no read-out.
    @Test func halfAndBFloat16BigEndianProtocol4() throws {
        let loaded = try ModelFile.load(path: Fixtures.path("sd-gru-half-big.pt"), hints: StateDictHints())
        #expect(loaded.model == (try Self.expectedModel("sd-gru-half-big")))
        #expect(loaded.model.kind == .gru && !loaded.model.layout.hasHead)
    }

    /// The real `torch.save` file of the reference case (zip64 end record, data descriptors, 64-byte alignment).
    @Test func theRealTorchFileGivesTheEmbeddingDocument() throws {
        let tensors = try TorchZip.read(Data(try Self.bytes("pt-emb-lstm-book.pt")), file: "pt-emb-lstm-book.pt")
        #expect(tensors.names == ["emb.weight", "lstm.weight_ih_l0", "lstm.weight_hh_l0", "lstm.bias_ih_l0", "lstm.bias_hh_l0", "fc.weight", "fc.bias"])
        #expect(tensors["emb.weight"]?.shape == [5, 3] && tensors["emb.weight"]?.dtype == .float32)
        let sidecar = try Data(contentsOf: Fixtures.directory.appendingPathComponent("pt-emb-lstm-book.json"))
        let found = try StateDictModel(tensors, sidecar: ("pt-emb-lstm-book.json", sidecar))
        #expect(found.sourceNames == ["weight_ih_l0": "lstm.weight_ih_l0", "weight_hh_l0": "lstm.weight_hh_l0",
                                      "bias_ih_l0": "lstm.bias_ih_l0", "bias_hh_l0": "lstm.bias_hh_l0",
                                      "head.weight": "fc.weight", "head.bias": "fc.bias", "embedding.weight": "emb.weight"])
        #expect(found.warnings.isEmpty)
        #expect(found.document["cell"] == .string("lstm") && found.document["input_size"] == .number(3) && found.document["hidden_size"] == .number(6))
        guard case let .numbers(emb)? = found.document["state_dict"]?["embedding.weight"] else { Issue.record("no embedding.weight"); return }
        #expect(emb.shape == [5, 3])
        // The float32 numbers widened exactly: the expected trace's step-1 input is row 0 (Doug) of the embedding.
        let expected = try Fixtures.json("pt-emb-lstm-book.expected.json")
        guard case let .array(steps)? = expected["steps"], case let .array(input)? = steps.first?["input"] else { Issue.record("no input"); return }
        #expect(input.map { if case let .number(d) = $0 { return d } else { return .nan } } == Array(emb.values[0..<3]))
    }

    /// (Python writes `os.system` as `posix.system` and `eval` as `__builtin__.eval` at protocol 2.)
    @Test(arguments: [("evil-os-system.pt", "posix.system"), ("evil-eval.pt", "__builtin__.eval")])
    func hostilePicklesAreRefusedAndNotRun(_ file: String, _ global: String) throws {
        let marker = "/tmp/unroll-pwned"
        try? FileManager.default.removeItem(atPath: marker)
        #expect { try ModelFile.load(path: Fixtures.path(file), hints: StateDictHints()) } throws: { error in
            guard let e = error as? ModelFileError else { return false }
            return e.kind == .malformed && e.description.contains(global) && e.description.contains(file) && e.description.contains("data.pkl byte")
                && !e.description.contains("\n")
        }
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test(arguments: [("bad-truncated.pt", "truncated"), ("bad-short-storage.pt", "bytes, expected"), ("bad-missing-whh.pt", "lstm.weight_hh_l0: missing")])
    func brokenFilesAreRefusedWithALocatedLine(_ file: String, _ phrase: String) {
        #expect { try ModelFile.load(path: Fixtures.path(file), hints: StateDictHints()) } throws: { error in
            guard let e = error as? ModelFileError else { return false }
            return e.kind == .malformed && e.description.hasPrefix(Fixtures.path(file)) && e.description.contains(phrase)
        }
    }

    /// Every prefix of a real `.pt` is refused (or, at full length, read): never a trap.
    @Test func everyTruncationOfTheRealFileIsRefused() throws {
        let full = try Self.bytes("pt-emb-lstm-book.pt")
        for cut in stride(from: 0, to: full.count, by: 7) {
            #expect(throws: ModelFileError.self) { try TorchZip.read(Data(full[..<cut]), file: "t.pt") }
        }
        #expect(try TorchZip.read(Data(full), file: "t.pt").count == 7)
    }

    /// Offsets that point past the end (ZIPFoundation's in-memory reader would trap on the seek) are refused first.
    @Test func outOfRangeZipOffsetsAreRefusedNotTrapped() throws {
        let good = torchFile([("rnn.weight_ih_l0", [2, 3]), ("rnn.weight_hh_l0", [2, 2])])
        let eocd = good.count - 22
        var cd = good
        cd[eocd + 16] = 0xFF; cd[eocd + 17] = 0xFF; cd[eocd + 18] = 0xFF; cd[eocd + 19] = 0x7F
        var local = good
        let centralStart = Int(good[eocd + 16]) | Int(good[eocd + 17]) << 8
        local[centralStart + 42] = 0xF0; local[centralStart + 43] = 0xFF; local[centralStart + 44] = 0xFF
        var count = good
        count[eocd + 10] = 0xFF; count[eocd + 11] = 0xFF
        for bad in [cd, local, count] {
            #expect { try TorchZip.read(Data(bad), file: "z.pt") } throws: { ($0 as? ModelFileError)?.message.contains("zip") == true }
        }
        #expect(try TorchZip.read(Data(good), file: "z.pt").count == 2)
    }

    @Test func aStorageShorterThanItsTensorIsRefused() {
        // weight_ih_l0 is 2 × 3 but its storage says (and holds) 5 numbers.
        let pickle = PickleWriter.stateDict([("rnn.weight_ih_l0", "0", 5, [2, 3])])
        let bytes = TestZip.torch(pickle: pickle, storages: [("0", float32Bytes([1, 2, 3, 4, 5]))])
        #expect { try TorchZip.read(Data(bytes), file: "s.pt") } throws: { error in
            (error as? ModelFileError)?.description == "s.pt: rnn.weight_ih_l0: needs 6 float32 numbers of its storage data/0 (shape 2 × 3, offset 0), but the storage data/0 holds only 5 (20 bytes): the storage is shorter than the shape"
        }
    }

    @Test func aLegacyOrForeignFileIsNamed() {
        #expect { try TorchZip.read(Data([0x80, 0x02, 0x8A, 0x0A]), file: "old.pt") } throws: { ($0 as? ModelFileError)?.message.contains("legacy") == true }
        #expect { try TorchZip.read(Data("{\"format\": 1}".utf8), file: "j.pt") } throws: { ($0 as? ModelFileError)?.message.contains("expected a zip") == true }
    }

    @Test func aWrongCRCIsCorruption() throws {
        var bytes = torchFile([("rnn.weight_ih_l0", [2, 3]), ("rnn.weight_hh_l0", [2, 2])])
        // Flip a byte of storage 0's data: just after its local header's name.
        let name = Array("archive/data/0".utf8)
        guard let at = (0..<(bytes.count - name.count)).first(where: { Array(bytes[$0..<($0 + name.count)]) == name }) else {
            Issue.record("no storage entry"); return
        }
        bytes[at + name.count + 1] ^= 0x55
        #expect { try TorchZip.read(Data(bytes), file: "c.pt") } throws: { ($0 as? ModelFileError)?.message.contains("CRC-32") == true }
    }
}
