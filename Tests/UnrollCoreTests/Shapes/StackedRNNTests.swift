import Testing
@testable import UnrollCore

/// Stacked (num_layers ≥ 2) networks, one `RecurrentModel` type: PyTorch's names, the wiring between layers, gradients.
@Suite struct StackedRNNTests {
    @Test func namesAndShapesAreTorchs() {
        let m = RecurrentModel(kind: .lstm, inputSize: 3, hiddenSize: 2, numLayers: 2, outputSize: 5)
        #expect(m.tensors.map(\.name) == ["weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                                          "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1", "head.weight", "head.bias"])
        let shapes = m.tensors.map { "\($0.rows)x\($0.columns.map(String.init) ?? "-")" }
        #expect(shapes == ["8x3", "8x2", "8x-", "8x-", "8x2", "8x2", "8x-", "8x-", "5x2", "5x-"])
        #expect(m.parameterCount == m.tensors.reduce(0) { $0 + $1.count })
        #expect(m.tensors.last.map { $0.offset + $0.count } == m.parameterCount)
    }

    /// A one-layer network is the plain model: the same layout, and the network path (every layer run
    /// alone, then the read-out) gives the plain path's logits, loss, hidden states and gradients, every cell.
    @Test(arguments: GradientCheckTests.setups.filter { $0.clamps.isEmpty })
    func oneLayerStackEqualsThePlainModel(_ s: GradientCheckTests.Setup) {
        let (plain, input, targets) = GradientCheckTests.problem(s)
        var stack = RecurrentModel(layout: plain.layout, nonlinearity: plain.nonlinearity, vocab: plain.vocab)
        stack.parameters = plain.parameters
        #expect(stack.tensors.map(\.name) == plain.layout.tensors.map(\.name))
        #expect(stack.tensors.map(\.offset) == plain.layout.tensors.map(\.offset))
        #expect(stack == plain)
        let a = plain.forward(input, targets: targets)
        var b = Trace(layout: stack.layout, nonlinearity: stack.nonlinearity)
        stack.forwardNetwork(input, targets: targets, targetVectors: nil, clamps: [], initialHiddens: nil, initialCells: nil, into: &b)
        #expect(ShapeProblem.maxGap(a.logits, b.logits) <= 1e-12)
        #expect(ShapeProblem.maxGap(a.hiddenStates, b.layer(0).hiddenStates) == 0)
        #expect(abs((a.totalLoss ?? 0) - (b.totalLoss ?? 1)) <= 1e-12)
        var gb = Gradients(layout: stack.layout)
        let ga = plain.backward(a)
        stack.backwardNetwork(b, seedHiddens: nil, seedCells: nil, includeLoss: true, into: &gb)
        #expect(ShapeProblem.maxGap(ga.parameters, gb.parameters) <= 1e-12, "\(s)")
        #expect(ShapeProblem.maxGap(ga.hidden, gb.layer(0).hidden) <= 1e-12, "\(s)")
    }

    /// Layer 1 reads layer 0's hidden sequence, step for step, and nothing else.
    @Test(arguments: ShapeProblem.cells)
    func layerOneSeesLayerZerosHiddenSequence(_ kind: CellKind) {
        let m = ShapeProblem.stack(kind, layers: 3, bidirectional: false)
        let trace = m.forward(ShapeProblem.input)
        for l in 1..<3 {
            #expect(trace.layer(l).inputs == trace.layer(l - 1).hiddenStates)
        }
        // Running layer 1 by itself on layer 0's hidden sequence gives the same states.
        let below = trace.layer(0)
        let alone = m.layer(1).forward(SequenceInput(vectors: (1...4).map { below.hidden(at: $0) }, inputSize: 2))
        #expect(alone.hiddenStates == trace.layer(1).hiddenStates)
        // The head reads the top layer.
        #expect((1...4).flatMap { trace.feature(at: $0) } == trace.layer(2).hiddenStates)
        #expect(trace.finalHidden.count == 3 && trace.finalHidden[2] == trace.hidden(layer: 2, at: 4))
    }

    /// Every parameter's gradient (head included), ∂L/∂x_t and ∂L/∂h₀ against finite differences.
    @Test(arguments: ShapeProblem.cells)
    func gradientsMatchFiniteDifferences(_ kind: CellKind) {
        let m = ShapeProblem.stack(kind, layers: 2, bidirectional: false)
        let input = ShapeProblem.input, targets = ShapeProblem.targets
        let g = m.backward(m.forward(input, targets: targets))
        let worst = ShapeProblem.worstGap(m.parameters, analytic: g.parameters) { p in
            var n = m
            n.parameters = p
            return n.forward(input, targets: targets).totalLoss ?? 0
        }
        #expect(worst < 1e-7, "\(kind): parameters worst \(worst)")
        let dx = ShapeProblem.worstGap(input.values, analytic: g.inputs) { x in
            var i = input
            i.values = x
            return m.forward(i, targets: targets).totalLoss ?? 0
        }
        #expect(dx < 1e-7, "\(kind): inputs worst \(dx)")
        // ∂L/∂h₀ of the top layer, as a decoder hands it to its encoder.
        let h0 = [[0.1, -0.2], [0.3, 0.05]]
        let c0 = [[0.2, 0.1], [-0.1, 0.4]]
        let gh = m.backward(m.forward(input, targets: targets, initialHiddens: h0, initialCells: c0))
        let top = ShapeProblem.worstGap(h0[1], analytic: gh.initialHiddens[1]) { h in
            m.forward(input, targets: targets, initialHiddens: [h0[0], h], initialCells: c0).totalLoss ?? 0
        }
        #expect(top < 1e-7, "\(kind): ∂L/∂h₀ worst \(top)")
    }

    @Test func headlessStackOutputsTheTopLayer() {
        let m = ShapeProblem.stack(.gru, layers: 2, bidirectional: false, hasHead: false)
        #expect(m.outputSize == 2 && !m.tensors.contains { $0.name.hasPrefix("head") })
        let trace = m.forward(ShapeProblem.input, targets: [1, nil, 0, 1])
        #expect(trace.logits(at: 2) == trace.hidden(layer: 1, at: 2))
        let g = m.backward(trace)
        let worst = ShapeProblem.worstGap(m.parameters, analytic: g.parameters) { p in
            var n = m
            n.parameters = p
            return n.forward(ShapeProblem.input, targets: [1, nil, 0, 1]).totalLoss ?? 0
        }
        #expect(worst < 1e-7)
    }

    @Test func initialisationIsSeededAndBounded() {
        var a = RecurrentModel(kind: .gru, inputSize: 3, hiddenSize: 4, numLayers: 2, bidirectional: true, outputSize: 3)
        var b = a
        var r1 = SeededRandom(seed: 1), r2 = SeededRandom(seed: 1)
        a.initialise(using: &r1)
        b.initialise(using: &r2)
        #expect(a == b)
        #expect(a.parameters[0..<a.layout.headWeight].allSatisfy { abs($0) <= 0.5 })
        #expect(a.parameters[a.layout.headWeight..<a.layout.headBias].allSatisfy { abs($0) <= 1 / 8.0.squareRoot() })
    }
}
