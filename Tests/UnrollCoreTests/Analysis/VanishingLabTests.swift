import Testing
@testable import UnrollCore

@Suite struct VanishingLabTests {
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func scaleKeyRecomputesEveryPanel(_ kind: CellKind) {
        let model = RecurrentModel.analysisModel(kind: kind, hiddenSize: 6, seed: 4)
        let input = randomTokenInput(steps: 15, inputSize: 8, seed: 5)
        var lab = VanishingLab(model: model, input: input, settings: .init(function: .tanh, depth: 5, samples: 31))
        let rho = model.recurrentSpectralRadius()
        #expect(abs(lab.spectralRadius - rho) < 1e-12)
        lab.update(scale: 2.5)
        #expect(abs(lab.spectralRadius - 2.5 * rho) < 1e-12)
        #expect(lab.eigenvalues.count == 6)
        var scaled = model
        scaled.scaleRecurrentWeights(by: 2.5)
        #expect(lab.scaledModel == scaled)
        let direct = GradientDistance(model: scaled, input: input)
        #expect(lab.distance.lossGradientNorms == direct.lossGradientNorms)
        #expect(lab.distance.jacobianNorms == direct.jacobianNorms)
        let power = PowerSeries(matrix: model.recurrentBlock(), size: 6, scale: 2.5, initial: randomUnitVector(size: 6, seed: 0), steps: 15)
        #expect(lab.power == power)
        #expect(lab.composition == SquashComposition(function: .tanh, depth: 5, samples: 31))
    }

    @Test func gateAndSquashSettingsAreHonoured() {
        let model = RecurrentModel.analysisModel(kind: .lstm, hiddenSize: 5, seed: 1)
        let input = randomTokenInput(steps: 10, inputSize: 8, seed: 2)
        var lab = VanishingLab(model: model, input: input)
        lab.update(.init(scale: 0.5, gate: .forget))
        #expect(abs(lab.spectralRadius - 0.5 * model.recurrentSpectralRadius(.forget)) < 1e-12)
        let rnn = RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 5, seed: 1)
        let sig = VanishingLab(model: rnn, input: input, settings: .init(recurrentSquash: .sigmoid))
        #expect(sig.distance.squash == .sigmoid)
        #expect(sig.distance.jacobianNorms == GradientDistance(model: rnn, input: input, squash: .sigmoid).jacobianNorms)
    }
}
