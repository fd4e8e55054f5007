import Testing
@testable import UnrollCore

@Suite struct ClippingReportTests {
    @Test func clippingKeepsDirectionAndTensorProportions() {
        let model = RecurrentModel.analysisModel(kind: .rnn, inputSize: 4, hiddenSize: 6, spectralRadius: 1.8, seed: 1)
        let input = randomTokenInput(steps: 20, inputSize: 4, seed: 2)
        let targets: [Int?] = (0..<20).map { $0 % 4 }
        let r = ClippingReport(model: model, input: input, targets: targets, maxNorm: 0.5)
        #expect(r.clipped)
        #expect(r.normBefore > 0.5 && abs(r.normAfter - 0.5) < 1e-6)
        #expect(abs(r.factor - r.normAfter / r.normBefore) < 1e-15)
        #expect(r.tensors.map(\.name) == model.layout.tensors.map(\.name))
        for t in r.tensors { #expect(abs(t.after - t.before * r.factor) < 1e-12) }
        let total = r.tensors.reduce(0) { $0 + $1.before * $1.before }.squareRoot()
        #expect(abs(total - r.normBefore) < 1e-9 * r.normBefore)
        // An RNN with I = H = 1 and no head has four scalars: W_ih, W_hh, b_ih, b_hh.
        let loose = ClippingReport(gradient: [0.3, 0.4, 0, 0], layout: ParameterLayout(kind: .rnn, inputSize: 1, hiddenSize: 1, hasHead: false),
                                   maxNorm: 1)
        #expect(!loose.clipped && loose.factor == 1 && loose.clippedGradient == [0.3, 0.4, 0, 0])
        #expect(loose.tensors.map(\.before) == [0.3, 0.4, 0, 0])
    }
}
