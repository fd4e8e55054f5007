import Testing
@testable import UnrollCore

/// The layer backward every network is built on (`backward` with outside gradients, seeds and ∂L/∂x_t), against
/// the plain backward pass and finite differences.
@Suite struct LayerBackpropTests {
    /// With its own loss and nothing from outside it is exactly `backward`, for every cell, clamps included.
    @Test(arguments: GradientCheckTests.setups)
    func withItsOwnLossItEqualsBackward(_ s: GradientCheckTests.Setup) {
        let (model, input, targets) = GradientCheckTests.problem(s)
        let trace = model.forward(input, targets: targets, clamps: s.clamps)
        let reference = model.backward(trace)
        let g = model.backward(trace, inputGradients: true, includeLoss: true)
        #expect(ShapeProblem.maxGap(g.parameters, reference.parameters) <= 1e-12, "\(s)")
        #expect(ShapeProblem.maxGap(g.hidden, reference.hidden) <= 1e-12, "\(s)")
        #expect(ShapeProblem.maxGap(g.cell, reference.cell) <= 1e-12, "\(s)")
    }

    /// ∂L/∂x_t, ∂L/∂h₀ and ∂L/∂c₀ against central differences of the loss in the inputs and the initial state.
    @Test(arguments: GradientCheckTests.setups)
    func inputAndInitialStateGradientsMatchFiniteDifferences(_ s: GradientCheckTests.Setup) {
        let (model, tokens, targets) = GradientCheckTests.problem(s)
        let I = model.inputSize, H = model.hiddenSize, T = tokens.count
        var rng = SeededRandom(seed: 11)
        let x = (0..<(T * I)).map { _ in rng.uniform(-1, 1) }
        let h0 = (0..<H).map { _ in rng.uniform(-0.5, 0.5) }
        let c0 = (0..<H).map { _ in rng.uniform(-0.5, 0.5) }
        let isLSTM = model.kind == .lstm
        func run(_ x: [Double], _ h0: [Double], _ c0: [Double]) -> Trace {
            var input = SequenceInput(vectors: [], inputSize: I)
            input.values = x
            return model.forward(input, targets: targets, clamps: s.clamps, initialHidden: h0, initialCell: isLSTM ? c0 : nil)
        }
        let g = model.backward(run(x, h0, c0), inputGradients: true, includeLoss: true)
        let dx = ShapeProblem.worstGap(x, analytic: g.inputs) { run($0, h0, c0).totalLoss ?? 0 }
        let dh0 = ShapeProblem.worstGap(h0, analytic: g.initialHidden) { run(x, $0, c0).totalLoss ?? 0 }
        #expect(dx < 1e-7, "\(s): ∂L/∂x worst \(dx)")
        #expect(dh0 < 1e-7, "\(s): ∂L/∂h₀ worst \(dh0)")
        if isLSTM {
            let dc0 = ShapeProblem.worstGap(c0, analytic: g.initialCell) { run(x, h0, $0).totalLoss ?? 0 }
            #expect(dc0 < 1e-7, "\(s): ∂L/∂c₀ worst \(dc0)")
        } else {
            #expect(g.initialCell.allSatisfy { $0 == 0 })
        }
    }

    /// Gradients from outside the layer: L = Σ_t w_t · h_t + a · h_T + b · c_T (no read-out loss).
    @Test(arguments: GradientCheckTests.setups)
    func outsideGradientsMatchFiniteDifferences(_ s: GradientCheckTests.Setup) {
        let (model, input, _) = GradientCheckTests.problem(s)
        let H = model.hiddenSize, T = input.count
        var rng = SeededRandom(seed: 21)
        let w = (0..<(T * H)).map { _ in rng.uniform(-1, 1) }
        let a = (0..<H).map { _ in rng.uniform(-1, 1) }
        let b = (0..<H).map { _ in rng.uniform(-1, 1) }
        func loss(_ m: RecurrentModel) -> Double {
            let trace = m.forward(input, clamps: s.clamps)
            var l = 0.0
            for k in 0..<(T * H) { l += w[k] * trace.hiddenStates[k] }
            let hT = trace.hidden(at: T)
            for u in 0..<H { l += a[u] * hT[u] }
            if let cT = trace.cell(at: T) { for u in 0..<H { l += b[u] * cT[u] } }
            return l
        }
        let g = model.backward(model.forward(input, clamps: s.clamps), seedHidden: a, seedCell: model.kind == .lstm ? b : nil,
                               outsideHidden: w, inputGradients: true, includeLoss: false)
        let worst = ShapeProblem.worstGap(model.parameters, analytic: g.parameters) { p in
            var m = model
            m.parameters = p
            return loss(m)
        }
        #expect(worst < 1e-7, "\(s): worst \(worst)")
    }

    /// No steps: the seeds at the final state are the initial state's gradient.
    @Test func anEmptyRunPassesTheSeedsThrough() {
        let m = RecurrentModel(kind: .lstm, inputSize: 2, hiddenSize: 2, hasHead: false)
        let trace = m.forward(SequenceInput(tokens: [], inputSize: 2))
        let g = m.backward(trace, seedHidden: [1, 2], seedCell: [3, 4], inputGradients: true, includeLoss: false)
        #expect(g.initialHidden == [1, 2] && g.initialCell == [3, 4] && g.parameters.allSatisfy { $0 == 0 })
    }
}
