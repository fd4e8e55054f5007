import Testing
@testable import UnrollCore

/// Bidirectional networks: `_reverse` names, [h_fwd ; h_bwd] outputs, each half a plain model, gradients.
@Suite struct BidirectionalRNNTests {
    @Test func namesAndShapesAreTorchs() {
        let m = RecurrentModel(kind: .gru, inputSize: 3, hiddenSize: 2, numLayers: 2, bidirectional: true, outputSize: 4)
        let suffixes = ["_l0", "_l0_reverse", "_l1", "_l1_reverse"]
        let expected = suffixes.flatMap { s in ["weight_ih", "weight_hh", "bias_ih", "bias_hh"].map { $0 + s } } + ["head.weight", "head.bias"]
        #expect(m.tensors.map(\.name) == expected)
        #expect(m.tensor(named: "weight_ih_l0_reverse").map { [$0.rows, $0.columns ?? 0] } == [6, 3])
        #expect(m.tensor(named: "weight_ih_l1").map { [$0.rows, $0.columns ?? 0] } == [6, 4])    // reads [h_fwd ; h_bwd]
        #expect(m.tensor(named: "weight_hh_l1_reverse").map { [$0.rows, $0.columns ?? 0] } == [6, 2])
        #expect(m.tensor(named: "head.weight").map { [$0.rows, $0.columns ?? 0] } == [4, 4])
        #expect(m.layout.featureSize == 4 && m.directions == 2)
    }

    /// The forward half is the plain model with the same weights; the backward half is the plain model
    /// with the `_reverse` weights run on the reversed input, read back to front.
    @Test(arguments: ShapeProblem.cells)
    func eachHalfIsAPlainModel(_ kind: CellKind) {
        let m = ShapeProblem.stack(kind, layers: 1, bidirectional: true)
        let input = ShapeProblem.input, T = input.count
        let trace = m.forward(input)
        let fwd = m.layer(0, direction: .forward).forward(input)
        let bwd = m.layer(0, direction: .reverse).forward(input.reversed())
        for t in 1...T {
            #expect(trace.hidden(layer: 0, direction: .forward, at: t) == fwd.hidden(at: t))
            #expect(trace.hidden(layer: 0, direction: .reverse, at: t) == bwd.hidden(at: T + 1 - t))
            #expect(trace.output(layer: 0, at: t) == fwd.hidden(at: t) + bwd.hidden(at: T + 1 - t))
            #expect(trace.feature(at: t) == trace.output(layer: 0, at: t))
        }
        #expect(input.reversed().tokens == [1, nil, 2, 0])
        #expect(input.reversed().reversed() == input)
        // PyTorch's h_n: the forward direction ends at step T, the reverse one at step 1.
        #expect(trace.finalHidden == [fwd.hidden(at: T), bwd.hidden(at: T)])
    }

    /// At step t the backward half has seen x_t … x_T only: changing day 1 leaves it alone from day 2 on.
    @Test func theBackwardHalfSeesOnlyTheFuture() {
        let m = ShapeProblem.stack(.lstm, layers: 1, bidirectional: true)
        let a = m.forward(SequenceInput(tokens: [0, 2, nil, 1], inputSize: 3))
        let b = m.forward(SequenceInput(tokens: [1, 2, nil, 1], inputSize: 3))
        for t in 2...4 {
            #expect(a.hidden(layer: 0, direction: .reverse, at: t) == b.hidden(layer: 0, direction: .reverse, at: t))
            #expect(a.hidden(layer: 0, direction: .forward, at: t) != b.hidden(layer: 0, direction: .forward, at: t))
        }
    }

    /// Each half's share of the logits plus the bias make up the logits.
    @Test func halvesAddUpToTheLogits() {
        let m = ShapeProblem.stack(.rnn, layers: 1, bidirectional: true)
        let trace = m.forward(ShapeProblem.input)
        for t in 1...4 {
            let f = m.halfLogits(trace, direction: .forward, at: t), r = m.halfLogits(trace, direction: .reverse, at: t)
            let sum = (0..<3).map { f[$0] + r[$0] - m.headBias($0) }
            #expect(ShapeProblem.maxGap(sum, trace.logits(at: t)) < 1e-14)
            #expect(abs(m.halfProbabilities(trace, direction: .reverse, at: t).reduce(0, +) - 1) < 1e-12)
        }
    }

    /// Every parameter of both directions (and the head), and ∂L/∂x_t, against finite differences;
    /// one layer and two.
    @Test(arguments: ShapeProblem.cells, [1, 2])
    func gradientsMatchFiniteDifferences(_ kind: CellKind, _ layers: Int) {
        let m = ShapeProblem.stack(kind, layers: layers, bidirectional: true)
        let input = ShapeProblem.input, targets = ShapeProblem.targets
        let g = m.backward(m.forward(input, targets: targets))
        let worst = ShapeProblem.worstGap(m.parameters, analytic: g.parameters) { p in
            var n = m
            n.parameters = p
            return n.forward(input, targets: targets).totalLoss ?? 0
        }
        #expect(worst < 1e-7, "\(kind) × \(layers): parameters worst \(worst)")
        let dx = ShapeProblem.worstGap(input.values, analytic: g.inputs) { x in
            var i = input
            i.values = x
            return m.forward(i, targets: targets).totalLoss ?? 0
        }
        #expect(dx < 1e-7, "\(kind) × \(layers): inputs worst \(dx)")
        #expect(g.tensor(named: "weight_hh_l0_reverse")?.count == kind.gateCount * 2)
    }
}
