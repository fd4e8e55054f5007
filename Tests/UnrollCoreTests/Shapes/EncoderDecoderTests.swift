import Testing
@testable import UnrollCore

/// Encoder–decoder: the hand-over of the state, teacher forcing and free running, gradients through both.
@Suite struct EncoderDecoderTests {
    static func model(_ kind: CellKind, layers: Int = 1, seed: UInt64 = 9) -> RecurrentModel {
        var m = RecurrentModel.encoderDecoder(kind: kind, inputSize: 3, decoderInputSize: 4, hiddenSize: 2, numLayers: layers, outputSize: 4)
        var p = m.networkParameters
        ShapeProblem.randomise(&p, seed: seed)
        m.networkParameters = p
        return m
    }

    static let decoderInput = SequenceInput(tokens: [nil, 0, 3], inputSize: 4)
    static let decoderTargets: [Int?] = [0, 3, 1]

    @Test func namesArePrefixed() {
        let m = Self.model(.lstm, layers: 2)
        #expect(m.tensors.map(\.name) == ["encoder.weight_ih_l0", "encoder.weight_hh_l0", "encoder.bias_ih_l0", "encoder.bias_hh_l0",
                                          "encoder.weight_ih_l1", "encoder.weight_hh_l1", "encoder.bias_ih_l1", "encoder.bias_hh_l1",
                                          "decoder.weight_ih_l0", "decoder.weight_hh_l0", "decoder.bias_ih_l0", "decoder.bias_hh_l0",
                                          "decoder.weight_ih_l1", "decoder.weight_hh_l1", "decoder.bias_ih_l1", "decoder.bias_hh_l1",
                                          "head.weight", "head.bias"])
        #expect(m.tensor(named: "decoder.weight_ih_l0").map { [$0.rows, $0.columns ?? 0] } == [8, 4])
        #expect(m.tensor(named: "head.weight").map { [$0.rows, $0.columns ?? 0] } == [4, 2])
    }

    /// The decoder starts from the encoder's final state, every layer (and c for the LSTM).
    @Test(arguments: ShapeProblem.cells)
    func theDecoderStartsWhereTheEncoderEnded(_ kind: CellKind) {
        let m = Self.model(kind, layers: 2)
        let trace = m.forward(ShapeProblem.input, decoderInput: Self.decoderInput)
        for l in 0..<2 {
            #expect(trace.layer(l).hidden(at: 0) == trace.encoder?.hidden(layer: l, at: 4))
            if kind == .lstm { #expect(trace.layer(l).cell(at: 0) == trace.encoder?.cell(layer: l, at: 4)) }
        }
        // A different input to the encoder changes what the decoder says.
        let other = m.forward(SequenceInput(tokens: [2, 2, 2, 2], inputSize: 3), decoderInput: Self.decoderInput)
        #expect(other.probabilities(at: 1) != trace.probabilities(at: 1))
    }

    /// Every parameter of encoder, decoder and head against finite differences: the gradient crosses the hand-over.
    @Test(arguments: ShapeProblem.cells)
    func gradientsMatchFiniteDifferences(_ kind: CellKind) {
        let m = Self.model(kind, layers: 2)
        let trace = m.forward(ShapeProblem.input, decoderInput: Self.decoderInput, targets: Self.decoderTargets)
        let g = m.backward(trace)
        let worst = ShapeProblem.worstGap(m.networkParameters, analytic: g.networkParameters) { p in
            var n = m
            n.networkParameters = p
            return n.forward(ShapeProblem.input, decoderInput: Self.decoderInput, targets: Self.decoderTargets).totalLoss ?? 0
        }
        #expect(worst < 1e-7, "\(kind): worst \(worst)")
        #expect(g.networkTensor(named: "encoder.weight_hh_l0", in: m)?.joined().contains { $0 != 0 } == true)
    }

    /// Free running feeds each prediction back as the next input; it equals teacher forcing on those inputs.
    @Test func freeRunningFeedsItsOwnPredictions() {
        var m = RecurrentModel.encoderDecoder(kind: .gru, inputSize: 3, decoderInputSize: 4, hiddenSize: 3, outputSize: 4)
        var p = m.networkParameters
        ShapeProblem.randomise(&p, seed: 4)
        m.networkParameters = p
        let run = m.generate(ShapeProblem.input, steps: 5, start: 2)
        let fed = run.tokens ?? []
        #expect(fed.count == 5 && fed[0] == 2)
        for k in 1..<5 { #expect(fed[k] == run.predicted(at: k)) }
        let forced = m.forward(ShapeProblem.input, decoderInput: SequenceInput(tokens: fed, inputSize: 4))
        #expect(forced.logits == run.logits)
        #expect(m.generate(ShapeProblem.input, steps: 2).tokens?.first == .some(nil))
    }
}
