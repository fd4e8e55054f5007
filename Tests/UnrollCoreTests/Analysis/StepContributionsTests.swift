import Testing
@testable import UnrollCore

@Suite struct StepContributionsTests {
    static func setup(_ kind: CellKind) -> (RecurrentModel, SequenceInput, [Int?]) {
        let model = RecurrentModel.analysisModel(kind: kind, inputSize: 4, hiddenSize: 5, seed: 2)
        return (model, randomTokenInput(steps: 8, inputSize: 4, seed: 3), [nil, 1, nil, nil, 2, nil, nil, 3])
    }

    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func sharesSumToTheGradient(_ kind: CellKind) throws {
        let (model, input, targets) = Self.setup(kind)
        for name in ["weight_hh_l0", "weight_ih_l0", "bias_hh_l0"] {
            let c = try #require(StepContributions(model: model, input: input, targets: targets, tensor: name))
            let g = model.backward(model.forward(input, targets: targets))
            let t = try #require(model.layout.tensor(named: name))
            #expect(c.steps == 8 && c.shareNorms.count == 8)
            for k in 0..<t.count {
                var sum = 0.0
                for s in 0..<8 { sum += c.shares[s * t.count + k] }
                #expect(abs(sum - g.parameters[t.offset + k]) < 1e-12)
            }
            #expect(abs(c.projections.reduce(0, +) - c.totalNorm) < 1e-12)
            #expect(abs(c.fractions.reduce(0, +) - 1) < 1e-12)
            let cols = t.columns ?? 1
            #expect(c.share(row: 1, column: 0, columns: cols, atStep: 2) == c.shares[1 * t.count + cols])
        }
        // W_hh's share at t = 1 is zero: it multiplies h₀ = 0.
        let whh = try #require(StepContributions(model: model, input: input, targets: targets))
        #expect(whh.shareNorms[0] == 0)
    }

    @Test func noTargetsOrUnknownTensorGiveNil() {
        let (model, input, _) = Self.setup(.rnn)
        #expect(StepContributions(model: model, input: input, targets: [Int?](repeating: nil, count: 8)) == nil)
        #expect(StepContributions(model: model, input: input, targets: [1, 1, 1, 1, 1, 1, 1, 1], tensor: "nope") == nil)
        #expect(StepContributions(gradients: model.backward(model.forward(input, targets: [1, 1, 1, 1, 1, 1, 1, 1]))) == nil,
                "shares were not recorded")
    }
}
