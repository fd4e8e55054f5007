import Foundation
import Testing
@testable import UnrollCore

/// Finding the layer, the read-out and the embedding in a `state_dict`, and what settles the rest.
@Suite struct StateDictModelTests {
    static let lstm: [(String, [Int])] = [("lstm.weight_ih_l0", [8, 3]), ("lstm.weight_hh_l0", [8, 2]),
                                          ("lstm.bias_ih_l0", [8]), ("lstm.bias_hh_l0", [8])]

    @Test func theLayerIsFoundUnderAnyPrefixAndHIsFromWeightHH() throws {
        for prefix in ["", "rnn.", "encoder.cell.", "module.lstm."] {
            let m = try loadStateDict(torchFile(Self.lstm.map { (prefix + $0.0.dropFirst("lstm.".count), $0.1) })).model
            #expect(m.kind == .lstm && m.hiddenSize == 2 && m.inputSize == 3 && !m.layout.hasHead, "\(prefix)")
        }
        let gru = try loadStateDict(torchFile([("g.weight_ih_l0", [6, 4]), ("g.weight_hh_l0", [6, 2])])).model
        #expect(gru.kind == .gru)
        let rnn = try loadStateDict(torchFile([("weight_ih_l0", [5, 4]), ("weight_hh_l0", [5, 5])])).model
        #expect(rnn.kind == .rnn && rnn.hiddenSize == 5)
    }

    @Test func theReadOutAndItsBiasAreFoundByShape() throws {
        let loaded = try loadStateDict(torchFile(Self.lstm + [("decoder.weight", [3, 2]), ("decoder.bias", [3])]))
        #expect(loaded.model.layout.hasHead && loaded.model.outputSize == 3)
        #expect(loaded.warnings.isEmpty)
    }

    @Test func twoCandidateReadOutsAreRefusedNamingThemAndTheOption() throws {
        let file = torchFile(Self.lstm + [("a.weight", [3, 2]), ("a.bias", [3]), ("b.weight", [4, 2]), ("b.bias", [4])])
        #expect { try loadStateDict(file) } throws: { error in
            let d = (error as? ModelFileError)?.description ?? ""
            return d.contains("a.weight (3 × 2)") && d.contains("b.weight (4 × 2)") && d.contains("--head")
        }
        let settled = try loadStateDict(file, hints: StateDictHints(head: "b"))
        #expect(settled.model.outputSize == 4)
        #expect(settled.warnings.contains { $0.contains("a.weight") } && settled.warnings.contains { $0.contains("a.bias") })
    }

    /// I = H: the embedding (no bias) and the read-out (a bias) have the same column count.
    @Test func embeddingAndReadOutWithISameAsH() throws {
        let tensors = [("emb.weight", [5, 2]), ("rnn.weight_ih_l0", [2, 2]), ("rnn.weight_hh_l0", [2, 2]), ("out.weight", [5, 2]), ("out.bias", [5])]
        let d = try TorchZip.read(Data(torchFile(tensors)), file: "e.pt")
        let found = try StateDictModel(d)
        #expect(found.sourceNames["head.weight"] == "out.weight" && found.sourceNames["embedding.weight"] == "emb.weight")
        // Without the read-out's bias nothing tells them apart: refused, naming --head.
        let bare = try TorchZip.read(Data(torchFile(Array(tensors.dropLast()))), file: "e.pt")
        #expect { try StateDictModel(bare) } throws: { ($0 as? ModelFileError)?.message.contains("--head") == true }
        #expect(try StateDictModel(bare, hints: StateDictHints(head: "out")).sourceNames["embedding.weight"] == "emb.weight")
    }

    @Test func twoCandidateEmbeddingsNameTheOption() throws {
        let d = try TorchZip.read(Data(torchFile(Self.lstm + [("e1.weight", [4, 3]), ("e2.weight", [6, 3])])), file: "e.pt")
        #expect { try StateDictModel(d) } throws: { error in
            let m = (error as? ModelFileError)?.message ?? ""
            return m.contains("e1.weight (4 × 3)") && m.contains("e2.weight (6 × 3)") && m.contains("--embedding")
        }
        #expect(try StateDictModel(d, hints: StateDictHints(embedding: "e2")).sourceNames["embedding.weight"] == "e2.weight")
    }

    @Test func aMissingWeightHHIsNamed() {
        #expect { try loadStateDict(torchFile([("lstm.weight_ih_l0", [8, 3])])) } throws: { error in
            (error as? ModelFileError)?.description.hasPrefix("m.pt: lstm.weight_hh_l0: missing") == true
        }
    }

    /// `nn.LSTM(3, 2, num_layers=2, bidirectional=True)`: PyTorch's `_l1` and `_reverse` names.
    @Test func stackedAndBidirectionalLayersAreFound() throws {
        func layer(_ sfx: String, inputs: Int) -> [(String, [Int])] {
            [("lstm.weight_ih\(sfx)", [8, inputs]), ("lstm.weight_hh\(sfx)", [8, 2]), ("lstm.bias_ih\(sfx)", [8]), ("lstm.bias_hh\(sfx)", [8])]
        }
        let tensors = layer("_l0", inputs: 3) + layer("_l0_reverse", inputs: 3) + layer("_l1", inputs: 4) + layer("_l1_reverse", inputs: 4)
            + [("fc.weight", [5, 4]), ("fc.bias", [5])]
        let m = try loadStateDict(torchFile(tensors)).model
        #expect(m.numLayers == 2 && m.bidirectional && m.outputSize == 5)
        // A layer above whose weight_hh is missing: named as the file would name it.
        let broken = tensors.filter { $0.0 != "lstm.weight_hh_l1" }
        #expect { try loadStateDict(torchFile(broken)) } throws: { ($0 as? ModelFileError)?.key == "lstm.weight_hh_l1" }
        // The metadata's num_layers must agree with the tensors.
        #expect { try loadStateDict(torchFile(tensors), sidecar: #"{"num_layers": 3}"#) } throws: { ($0 as? ModelFileError)?.key == "num_layers" }
    }

    @Test func noLayerOrTwoLayersAreRefused() {
        #expect { try loadStateDict(torchFile([("fc.weight", [2, 2])])) } throws: { ($0 as? ModelFileError)?.message.contains("no recurrent layer") == true }
        let two = Self.lstm + [("b.weight_ih_l0", [8, 3]), ("b.weight_hh_l0", [8, 2])]
        #expect { try loadStateDict(torchFile(two)) } throws: { ($0 as? ModelFileError)?.message.contains("2 recurrent layers") == true }
    }

    @Test func rowsThatAreNotAGateMultipleAreRefused() {
        #expect { try loadStateDict(torchFile([("weight_ih_l0", [4, 3]), ("weight_hh_l0", [4, 2])])) } throws: { error in
            (error as? ModelFileError)?.message.contains("G = 1 (rnn), 3 (gru) or 4 (lstm)") == true
        }
    }

    @Test func hintsSettleVocabAndNonlinearity() throws {
        let file = torchFile([("rnn.weight_ih_l0", [2, 3]), ("rnn.weight_hh_l0", [2, 2])])
        let m = try loadStateDict(file, hints: StateDictHints(vocab: ["x", "y", "z"], nonlinearity: "relu")).model
        #expect(m.vocab == ["x", "y", "z"] && m.nonlinearity == .relu)
        #expect { try loadStateDict(file, hints: StateDictHints(vocab: ["x", "y"])) } throws: { error in
            (error as? ModelFileError)?.description == "m.pt: vocab: from --vocab has 2 entries, but the layer takes 3 one-hot inputs (rnn.weight_ih_l0 has 3 columns): give 3 words with --vocab \"…\""
        }
    }

    @Test func theSidecarGivesHeaderFieldsAndTheCommandLineOverridesWithAWarning() throws {
        let file = torchFile([("rnn.weight_ih_l0", [2, 3]), ("rnn.weight_hh_l0", [2, 2])])
        let side = #"{"vocab": ["p", "q", "r"], "name": "side", "nonlinearity": "relu"}"#
        let a = try loadStateDict(file, sidecar: side)
        #expect(a.model.vocab == ["p", "q", "r"] && a.model.name == "side" && a.model.nonlinearity == .relu && a.warnings.isEmpty)
        let b = try loadStateDict(file, sidecar: side, hints: StateDictHints(vocab: ["x", "y", "z"]))
        #expect(b.model.vocab == ["x", "y", "z"])
        #expect(b.warnings.count == 1 && b.warnings[0].contains("--vocab") && b.warnings[0].contains("m.json"))
        // A whole model file beside it (left by `unroll convert m.json m.pt`) is no sidecar.
        let beside = try loadStateDict(file, sidecar: #"{"format": "unroll-model", "cell": "lstm", "hidden_size": 9, "state_dict": {}}"#)
        #expect(beside.model.kind == .rnn && beside.warnings.isEmpty)
        #expect { try loadStateDict(file, sidecar: #"{"vocab": ["#) } throws: { error in
            guard let e = error as? ModelFileError else { return false }
            return e.file == "m.json" && e.line == 1
        }
    }

    @Test func aWholeModelFileBesideIsRecognisedUnparsed() {
        #expect(StateDictModel.isWholeModelFile(Data(#"{"format": "unroll-model", "state_dict" : {"w": [1]}}"#.utf8)))
        #expect(!StateDictModel.isWholeModelFile(Data(#"{"vocab": ["a"], "description": "no \"state_dict\": here"}"#.utf8)))
        #expect(!StateDictModel.isWholeModelFile(Data(#"{"name": "state_dict"}"#.utf8)))
    }

    @Test func headerFieldsThatContradictTheTensorsAreRefused() {
        let file = torchFile([("rnn.weight_ih_l0", [2, 3]), ("rnn.weight_hh_l0", [2, 2])])
        #expect { try loadStateDict(file, sidecar: #"{"cell": "lstm"}"#) } throws: { ($0 as? ModelFileError)?.message.contains("is a rnn") == true }
        #expect { try loadStateDict(file, sidecar: #"{"hidden_size": 3}"#) } throws: { ($0 as? ModelFileError)?.key == "hidden_size" }
    }

    @Test func peepholeWeightsSelectThePeepholeCell() throws {
        let peep = Self.lstm + [("lstm.weight_ci_l0", [2]), ("lstm.weight_cf_l0", [2]), ("lstm.weight_co_l0", [2])]
        let m = try loadStateDict(torchFile(peep)).model
        #expect(m.cell.fileFlags == ["peephole"])
        #expect { try loadStateDict(torchFile(Array(peep.dropLast()))) } throws: { ($0 as? ModelFileError)?.key == "lstm.weight_co_l0" }
    }

    @Test func unrelatedExtrasAreIgnoredWithAWarning() throws {
        let loaded = try loadStateDict(torchFile(Self.lstm + [("norm.running_var", [7]), ("step", [1])]))
        #expect(loaded.warnings.count == 2)
        #expect(loaded.warnings.allSatisfy { $0.hasPrefix("m.pt: ignored tensor") })
    }

    @Test func errorsAboutATensorNameTheFilesTensor() {
        // The read-out's bias has the wrong length: the message names fc.bias, not head.bias.
        #expect { try loadStateDict(torchFile(Self.lstm + [("fc.weight", [3, 2]), ("fc.bias", [4])])) } throws: { error in
            (error as? ModelFileError)?.key == "fc.bias"
        }
    }

    @Test func halfAndBFloat16WidenExactly() {
        #expect(StoredTensor.halfToDouble(0x3C00) == 1)
        #expect(StoredTensor.halfToDouble(0xC000) == -2)
        #expect(StoredTensor.halfToDouble(0x0001) == 0x1p-24)
        #expect(StoredTensor.halfToDouble(0x7BFF) == 65504)
        #expect(StoredTensor.halfToDouble(0x7C00) == .infinity)
        #expect(StoredTensor.halfToDouble(0x7E00).isNaN)
        for bits in stride(from: 0, to: 0x7C00, by: 37) {
            #expect(StoredTensor.halfToDouble(UInt16(bits)) == Double(Float16(bitPattern: UInt16(bits))))
        }
    }

    @Test func stridedViewsReadInRowMajorOrder() throws {
        let storage = Data((0..<12).flatMap { TestZip.le32(Float($0).bitPattern) })
        let t = try StoredTensor(file: "f", name: "t", dtype: .float32, shape: [3, 2], strides: [1, 3], offset: 2, storage: storage, what: "storage")
        #expect(t.values == [2, 5, 3, 6, 4, 7])
        #expect(throws: ModelFileError.self) {
            try StoredTensor(file: "f", name: "t", dtype: .float32, shape: [3, 4], strides: [4, 1], offset: 1, storage: storage, what: "storage")
        }
    }
}
