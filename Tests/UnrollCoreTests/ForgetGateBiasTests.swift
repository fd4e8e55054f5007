import Testing
@testable import UnrollCore

@Suite struct ForgetGateBiasTests {
    /// The forget rows' b_ih + b_hh total the value (b_ih holds it, b_hh 0); every other parameter is
    /// PyTorch's draw with the same seed, unchanged.
    @Test(arguments: [LSTMCell() as any RecurrentCell, PeepholeLSTMCell()].map(\.identifier))
    func theForgetRowsTotalTheValueAndNothingElseMoves(identifier: String) throws {
        let cell = try #require(RecurrentCells.registered.first { $0.identifier == identifier })
        var plain = RecurrentModel(cell: cell, inputSize: 5, hiddenSize: 6, outputSize: 5)
        var biased = plain
        var r1 = SeededRandom(seed: 3), r2 = SeededRandom(seed: 3)
        plain.initialise(using: &r1)
        biased.initialise(using: &r2, forgetBias: 1)
        #expect(r1.unit() == r2.unit())                               // the same draws
        let H = 6, f = try #require(cell.block(of: .forget))
        var changed = Set<Int>()
        for u in 0..<H {
            #expect(biased.forgetGateBias(unit: u) == 1)
            #expect(biased.biasIH(f * H + u) == 1 && biased.biasHH(f * H + u) == 0)
            changed.insert(biased.layout.biasIH + f * H + u)
            changed.insert(biased.layout.biasHH + f * H + u)
        }
        for k in plain.parameters.indices where !changed.contains(k) { #expect(plain.parameters[k] == biased.parameters[k]) }
        #expect(plain.forgetGateBias(unit: 0) != 1)
    }

    /// Every layer and direction of a stacked bidirectional LSTM gets it.
    @Test func everyLayerAndDirection() throws {
        var model = RecurrentModel(kind: .lstm, inputSize: 4, hiddenSize: 3, numLayers: 2, bidirectional: true, outputSize: 4)
        var rng = SeededRandom(seed: 1)
        model.initialise(using: &rng, forgetBias: 2)
        let biases = model.tensors.filter { $0.name.hasPrefix("bias_ih_l") }
        #expect(biases.count == 4)
        for t in biases {
            for u in 0..<3 { #expect(model.parameters[t.offset + 3 + u] == 2) }
        }
        for t in model.tensors where t.name.hasPrefix("bias_hh_l") {
            for u in 0..<3 { #expect(model.parameters[t.offset + 3 + u] == 0) }
        }
    }

    /// A cell without a forget gate is left as drawn.
    @Test(arguments: [CellKind.rnn, .gru])
    func cellsWithoutAForgetGateAreUnchanged(_ kind: CellKind) {
        var a = RecurrentModel(kind: kind, inputSize: 4, hiddenSize: 3, outputSize: 4), b = a
        var r1 = SeededRandom(seed: 2), r2 = SeededRandom(seed: 2)
        a.initialise(using: &r1)
        b.initialise(using: &r2, forgetBias: 1)
        #expect(a.parameters == b.parameters && !b.hasForgetGate && b.forgetGateBias(unit: 0) == nil)
    }

    /// `unroll train --forget-bias` reaches the model: one SGD step at a tiny rate leaves the forget
    /// bias near the value, the default run does not.
    @Test func theTrainRecipePassesItOn() {
        let config = TrainingConfig(epochs: 1, optimizer: .sgd, learningRate: 1e-9)
        let biased = TrainTask.book.run(.init(cell: .lstm, hidden: 4, config: config, seed: 0, forgetBias: 1))
        let plain = TrainTask.book.run(.init(cell: .lstm, hidden: 4, config: config, seed: 0))
        #expect((0..<4).allSatisfy { abs((biased.model.forgetGateBias(unit: $0) ?? 0) - 1) < 1e-6 })
        #expect((0..<4).allSatisfy { abs((plain.model.forgetGateBias(unit: $0) ?? 1) - 1) > 1e-3 })
    }
}
