import Testing
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
@testable import UnrollCore

/// Gradient against distance: the Jacobian products and loss gradients against central finite
/// differences of the forward pass restarted from a perturbed state.
@Suite struct GradientDistanceTests {
    struct Setup: CustomStringConvertible, Sendable {
        let kind: CellKind
        let squash: Squash?
        let clamps: [Clamp]
        var description: String { "\(kind.rawValue)/\(squash?.rawValue ?? "-")/clamps:\(clamps.count)" }
    }

    static let setups: [Setup] = [
        Setup(kind: .rnn, squash: .tanh, clamps: []),
        Setup(kind: .rnn, squash: .relu, clamps: []),
        Setup(kind: .rnn, squash: .sigmoid, clamps: []),
        Setup(kind: .lstm, squash: nil, clamps: []),
        Setup(kind: .lstm, squash: nil, clamps: [Clamp(gate: .forget, units: [1], value: 0.9), Clamp(gate: .output, value: 1)]),
        Setup(kind: .gru, squash: nil, clamps: []),
        Setup(kind: .gru, squash: nil, clamps: [Clamp(gate: .update, units: [0], value: 0.3), Clamp(gate: .reset, value: 1)]),
    ]

    static let H = 3, I = 4, T = 6

    static func problem(_ s: Setup) -> (RecurrentModel, SequenceInput) {
        var rng = SeededRandom(seed: 17)
        var model = RecurrentModel(kind: s.kind, inputSize: I, hiddenSize: H, outputSize: 4, hasHead: true,
                                   nonlinearity: s.squash == .relu ? .relu : .tanh)
        for k in model.parameters.indices { model.parameters[k] = rng.uniform(-1.2, 1.2) }
        if s.squash == .relu {
            // Keep the relu pre-activations away from the kink so finite differences are clean.
            for k in 0..<H { model.parameters[model.layout.biasIH + k] = 1.5 }
        }
        return (model, SequenceInput(tokens: [0, 2, 1, 3, 3, 0], inputSize: I))
    }

    /// h_T and the last-step loss from state (h, c) at step t, running steps t+1…T.
    static func suffix(_ model: RecurrentModel, _ input: SequenceInput, _ s: Setup, from t: Int, h: [Double], c: [Double],
                       target: Int) -> (hT: [Double], loss: Double) {
        let steps = (t + 1)...input.count
        if model.kind == .rnn, let f = s.squash {
            var hh = h
            for step in steps {
                let x = input.vector(at: step)
                var next = [Double](repeating: 0, count: H)
                for u in 0..<H {
                    var p = model.biasIH(u) + model.biasHH(u)
                    for j in 0..<I { p += model.weightIH(u, j) * x[j] }
                    for j in 0..<H { p += model.weightHH(u, j) * hh[j] }
                    next[u] = f.value(p)
                }
                hh = next
            }
            let logits = (0..<model.outputSize).map { k in model.headBias(k) + (0..<H).reduce(0) { $0 + model.headWeight(k, $1) * hh[$1] } }
            return (hh, -log(softmax(logits)[target]))
        }
        let sub = SequenceInput(vectors: steps.map { input.vector(at: $0) }, inputSize: I)
        var targets = [Int?](repeating: nil, count: sub.count)
        targets[sub.count - 1] = target
        let trace = model.forward(sub, targets: targets, clamps: s.clamps, initialHidden: h, initialCell: c)
        return (trace.hidden(at: sub.count), trace.loss(at: sub.count) ?? .nan)
    }

    @Test(arguments: setups)
    func jacobianAndLossGradientMatchFiniteDifferences(_ s: Setup) {
        let (model, input) = Self.problem(s)
        let target = 2
        let g = GradientDistance(model: model, input: input, target: target, clamps: s.clamps, squash: s.squash)
        #expect(g.steps == Self.T)
        #expect(abs(g.jacobianNorms[0] - Double(Self.H).squareRoot()) < 1e-15, "∂h_T/∂h_T = I")
        // The states along the base run.
        let base = Self.suffix(model, input, s, from: 0, h: [0, 0, 0], c: [0, 0, 0], target: target)
        #expect(abs(base.loss - g.loss) < 1e-12)
        var states: [([Double], [Double])] = [([0, 0, 0], [0, 0, 0])]
        if model.kind == .rnn, let f = s.squash {
            var h = [0.0, 0, 0]
            for t in 1...Self.T {
                let x = input.vector(at: t)
                h = (0..<Self.H).map { u in
                    f.value(model.biasIH(u) + model.biasHH(u) + (0..<Self.I).reduce(0) { $0 + model.weightIH(u, $1) * x[$1] }
                            + (0..<Self.H).reduce(0) { $0 + model.weightHH(u, $1) * h[$1] })
                }
                states.append((h, [0, 0, 0]))
            }
        } else {
            let trace = model.forward(input, clamps: s.clamps)
            for t in 1...Self.T { states.append((trace.hidden(at: t), trace.cell(at: t) ?? [0, 0, 0])) }
        }
        let eps = 1e-6
        var worst = 0.0
        for t in 0..<Self.T {
            let (h, c) = states[t]
            var jacobianSq = 0.0, lossHSq = 0.0, lossCSq = 0.0
            let perturbCell = model.kind == .lstm
            for j in 0..<(perturbCell ? 2 * Self.H : Self.H) {
                var hp = h, hm = h, cp = c, cm = c
                if j < Self.H { hp[j] += eps; hm[j] -= eps } else { cp[j - Self.H] += eps; cm[j - Self.H] -= eps }
                let plus = Self.suffix(model, input, s, from: t, h: hp, c: cp, target: target)
                let minus = Self.suffix(model, input, s, from: t, h: hm, c: cm, target: target)
                for i in 0..<Self.H {
                    let d = (plus.hT[i] - minus.hT[i]) / (2 * eps)
                    jacobianSq += d * d
                }
                let dl = (plus.loss - minus.loss) / (2 * eps)
                if j < Self.H { lossHSq += dl * dl } else { lossCSq += dl * dl }
            }
            let d = Self.T - t
            func rel(_ a: Double, _ b: Double) -> Double { abs(a - b) / max(1e-3, abs(b)) }
            worst = max(worst, rel(g.jacobianNorms[d], jacobianSq.squareRoot()))
            worst = max(worst, rel(g.lossGradientNorms[d], (lossHSq + lossCSq).squareRoot()))
            worst = max(worst, rel(g.lossGradientHiddenNorms[d], lossHSq.squareRoot()))
            worst = max(worst, rel(g.lossGradientCellNorms[d], lossCSq.squareRoot()))
            #expect(g.jacobianNorm(atStep: t) == g.jacobianNorms[d])
        }
        #expect(worst < 1e-6, "\(s): worst relative error \(worst)")
    }

    /// For the RNN and the GRU, ‖∂L_T/∂h_t‖ is the norm of the core's BPTT ∂L/∂h_t with the loss on
    /// the last step only; for the LSTM the h part matches and the c part is f_{t+1} ⊙ ∂L/∂c_{t+1}.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func lossGradientAgreesWithTheCoresBackward(_ kind: CellKind) {
        let s = Setup(kind: kind, squash: kind == .rnn ? .tanh : nil, clamps: [])
        let (model, input) = Self.problem(s)
        let g = GradientDistance(model: model, input: input, target: 1)
        var targets = [Int?](repeating: nil, count: Self.T)
        targets[Self.T - 1] = 1
        let trace = model.forward(input, targets: targets)
        let core = model.backward(trace)
        func norm(_ v: [Double]) -> Double { v.reduce(0) { $0 + $1 * $1 }.squareRoot() }
        for t in 1...Self.T {
            #expect(abs(g.lossGradientHiddenNorms[Self.T - t] - norm(core.hidden(at: t))) < 1e-13)
            if kind == .lstm, t < Self.T, let f = trace.gate(.forget, at: t + 1), let dc = core.cell(at: t + 1) {
                #expect(abs(g.lossGradientCellNorms[Self.T - t] - norm(zip(f, dc).map(*))) < 1e-13)
            }
        }
    }

    /// Lesson 10's check: a tanh RNN whose W_hh has spectral radius 0.7 passes less than a
    /// thousandth of the distance-1 gradient back 20 steps.
    @Test func lessonTenSpectralRadiusPointSeven() {
        let model = RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 16, spectralRadius: 0.7, seed: 0)
        #expect(abs(model.recurrentSpectralRadius() - 0.7) < 1e-12)
        let g = GradientDistance(model: model, input: randomTokenInput(steps: 30, inputSize: 8, seed: 1))
        #expect(g.relativeLossGradient(distance: 20) < 1e-3, "\(g.relativeLossGradient(distance: 20))")
        #expect(g.relativeJacobian(distance: 20) < 1e-3)
    }

    @Test func comparisonCoversEveryCellAndInitialisation() {
        let curves = GradientDistance.comparison(hiddenSize: 8, steps: 30, seed: 2)
        #expect(curves.map(\.label) == ["RNN tanh random", "RNN tanh identity", "RNN tanh orthogonal",
                                        "RNN relu random", "RNN relu identity", "RNN relu orthogonal",
                                        "RNN sigmoid random", "RNN sigmoid identity", "RNN sigmoid orthogonal", "LSTM(h,c)", "GRU"])
        func curve(_ label: String) -> GradientDistance? { curves.first { $0.label == label }?.distance }
        guard let sigmoid = curve("RNN sigmoid orthogonal"), let tanhOrth = curve("RNN tanh orthogonal"),
              let irnn = curve("RNN relu identity") else { Issue.record("missing curves"); return }
        // σ′ ≤ 1/4 with an orthogonal W: the Jacobian shrinks by at least 4× per step.
        #expect(sigmoid.relativeJacobian(distance: 10) < pow(0.25, 9) * 1.0001)
        // With an orthogonal W, tanh keeps more than the sigmoid; the IRNN keeps the most.
        #expect(tanhOrth.jacobianNorms[10] > sigmoid.jacobianNorms[10])
        #expect(irnn.jacobianNorms[10] > tanhOrth.jacobianNorms[10])
        #expect(curves.allSatisfy { $0.distance.jacobianNorms.count == 31 && $0.distance.jacobianNorms.allSatisfy(\.isFinite) })
    }

    @Test func recomputeReusesStorageAndMatchesAFreshMeasurement() {
        let a = RecurrentModel.analysisModel(kind: .gru, hiddenSize: 5, seed: 3)
        let b = RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 4, seed: 4)
        let input = randomTokenInput(steps: 12, inputSize: 8, seed: 5)
        var g = GradientDistance(model: a, input: input)
        g.recompute(model: b, input: input, squash: .sigmoid)
        let fresh = GradientDistance(model: b, input: input, squash: .sigmoid)
        #expect(g.jacobianNorms == fresh.jacobianNorms)
        #expect(g.lossGradientNorms == fresh.lossGradientNorms)
        #expect(g.kind == .rnn && g.squash == .sigmoid && g.hiddenSize == 4)
    }
}
