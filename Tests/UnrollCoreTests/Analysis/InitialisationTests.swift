import Testing
@testable import UnrollCore

@Suite struct InitialisationTests {
    @Test(arguments: [1, 4, 16, 33])
    func randomOrthogonalMatrixIsOrthogonal(_ n: Int) {
        var rng = SeededRandom(seed: UInt64(n))
        let q = randomOrthogonalMatrix(size: n, using: &rng)
        var worst = 0.0
        for i in 0..<n {
            for j in 0..<n {
                var dot = 0.0
                for r in 0..<n { dot += q[r * n + i] * q[r * n + j] }
                worst = max(worst, abs(dot - (i == j ? 1 : 0)))
            }
        }
        #expect(worst < 1e-13)
    }

    @Test func schemesFillEveryGateBlock() {
        var rng = SeededRandom(seed: 1)
        var lstm = RecurrentModel(kind: .lstm, inputSize: 3, hiddenSize: 4, outputSize: 3)
        lstm.initialise(using: &rng)
        let before = lstm.parameters
        lstm.initialiseRecurrentWeights(.identity, using: &rng)
        let L = lstm.layout
        for gate in CellKind.lstm.gates {
            let block = lstm.recurrentBlock(gate)
            #expect(block == [1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1])
        }
        #expect(lstm.parameters[..<L.weightHH] == before[..<L.weightHH], "W_ih untouched")
        #expect(lstm.parameters[L.biasIH...] == before[L.biasIH...], "biases and head untouched")
        lstm.initialiseRecurrentWeights(.orthogonal, using: &rng)
        #expect(abs(lstm.recurrentSpectralRadius(.forget) - 1) < 1e-12)
        lstm.initialiseRecurrentWeights(.random, using: &rng)
        #expect(lstm.parameters[L.weightHH..<L.biasIH].allSatisfy { abs($0) <= 0.5 })
    }

    @Test(arguments: RecurrentInitialisation.allCases)
    func analysisModelHasTheRequestedSpectralRadius(_ scheme: RecurrentInitialisation) {
        let m = RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 12, nonlinearity: .relu, initialisation: scheme,
                                             spectralRadius: 0.7, seed: 5)
        #expect(abs(m.recurrentSpectralRadius() - 0.7) < 1e-12)
        #expect(m.nonlinearity == .relu && m.inputSize == 8 && m.outputSize == 8)
        #expect(m == RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 12, nonlinearity: .relu, initialisation: scheme,
                                                  spectralRadius: 0.7, seed: 5))
        let gru = RecurrentModel.analysisModel(kind: .gru, hiddenSize: 6, initialisation: scheme, spectralRadius: 1.5, seed: 5)
        #expect(abs(gru.recurrentSpectralRadius() - 1.5) < 1e-12, "the candidate block")
    }

    @Test func rescalingAZeroMatrixLeavesItAlone() {
        var m = RecurrentModel(kind: .rnn, inputSize: 2, hiddenSize: 3)
        #expect(m.rescaleRecurrentWeights(toSpectralRadius: 0.9) == 1)
        #expect(m.parameters.allSatisfy { $0 == 0 })
    }
}
