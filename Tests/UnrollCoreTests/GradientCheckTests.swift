import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import UnrollCore

/// BPTT against central finite differences, for every cell, with clamps, unknown inputs and partial targets.
@Suite struct GradientCheckTests {
    struct Setup: CustomStringConvertible, Sendable {
        let kind: CellKind
        let nonlinearity: Nonlinearity
        let clamps: [Clamp]
        let hasHead: Bool
        var description: String { "\(kind.rawValue)/\(nonlinearity.rawValue)/clamps:\(clamps.count)/head:\(hasHead)" }
    }

    static let setups: [Setup] = [
        Setup(kind: .rnn, nonlinearity: .tanh, clamps: [], hasHead: true),
        Setup(kind: .rnn, nonlinearity: .relu, clamps: [], hasHead: true),
        Setup(kind: .rnn, nonlinearity: .tanh, clamps: [], hasHead: false),
        Setup(kind: .lstm, nonlinearity: .tanh, clamps: [], hasHead: true),
        Setup(kind: .lstm, nonlinearity: .tanh, clamps: [Clamp(gate: .forget, units: [0, 2], steps: 2...3, value: 0),
                                                          Clamp(gate: .output, steps: 4...4, value: 1)], hasHead: true),
        Setup(kind: .lstm, nonlinearity: .tanh, clamps: [Clamp(gate: .input, value: 0.5), Clamp(gate: .candidate, units: [1], value: -0.3)], hasHead: false),
        Setup(kind: .gru, nonlinearity: .tanh, clamps: [], hasHead: true),
        Setup(kind: .gru, nonlinearity: .tanh, clamps: [Clamp(gate: .update, units: [1], steps: 1...2, value: 0.25),
                                                         Clamp(gate: .reset, steps: 3...3, value: 1),
                                                         Clamp(gate: .candidate, units: [0], steps: 5...5, value: 0.1)], hasHead: true),
    ]

    /// A random model, an input with an unknown step, and targets on some steps only.
    static func problem(_ s: Setup, seed: UInt64 = 3) -> (RecurrentModel, SequenceInput, [Int?]) {
        var rng = SeededRandom(seed: seed)
        let H = 3, I = 4
        var model = RecurrentModel(kind: s.kind, inputSize: I, hiddenSize: H, outputSize: s.hasHead ? 4 : nil,
                                   hasHead: s.hasHead, nonlinearity: s.nonlinearity)
        for k in model.parameters.indices { model.parameters[k] = rng.uniform(-0.9, 0.9) }
        let input = SequenceInput(tokens: [0, 2, nil, 3, 1, nil], inputSize: I)
        let O = model.outputSize
        let targets: [Int?] = [1 % O, nil, 2 % O, nil, 0, 3 % O]
        return (model, input, targets)
    }

    @Test(arguments: setups)
    func parameterGradientMatchesFiniteDifferences(_ s: Setup) {
        let (model, input, targets) = Self.problem(s)
        let worst = worstParameterGradientError(model, input, targets: targets, clamps: s.clamps)
        #expect(worst < 1e-7, "\(s): worst relative error \(worst)")
    }

    /// The loss from step t on, as a function of (h_t, c_t): the read-out at t plus the rest of the run.
    static func lossFrom(_ t: Int, h: [Double], c: [Double]?, model: RecurrentModel, input: SequenceInput,
                         targets: [Int?], clamps: [Clamp]) -> Double {
        var loss = 0.0
        if let target = targets[t - 1] {
            let logits = (0..<model.outputSize).map { k in
                model.headBias(k) + (0..<model.hiddenSize).reduce(0) { $0 + model.headWeight(k, $1) * h[$1] }
            }
            let p = softmax(logits)
            loss -= log(p[target])
        }
        let T = input.count
        guard t < T else { return loss }
        let rest = SequenceInput(vectors: ((t + 1)...T).map { input.vector(at: $0) }, inputSize: input.inputSize)
        // Re-number the clamps for the suffix run (step t+1 becomes step 1); drop those that ended.
        let adjusted: [Clamp] = clamps.compactMap { c in
            guard let steps = c.steps else { return c }
            guard steps.upperBound > t else { return nil }
            var shifted = c
            shifted.steps = max(1, steps.lowerBound - t)...(steps.upperBound - t)
            return shifted
        }
        let suffix = model.forward(rest, targets: Array(targets[t...]), clamps: adjusted, initialHidden: h, initialCell: c)
        return loss + (suffix.totalLoss ?? 0)
    }

    /// ∂L/∂h_t (and ∂L/∂c_t for the LSTM) are totals: they match finite differences of the loss from t on.
    @Test(arguments: setups)
    func stateGradientsMatchFiniteDifferences(_ s: Setup) {
        guard s.hasHead else { return } // lossFrom models the read-out as a head
        let (model, input, targets) = Self.problem(s, seed: 11)
        let trace = model.forward(input, targets: targets, clamps: s.clamps)
        let g = model.backward(trace)
        let eps = 1e-6
        for t in 1...trace.steps {
            let h = trace.hidden(at: t), c = trace.cell(at: t)
            for u in 0..<model.hiddenSize {
                var hp = h, hm = h
                hp[u] += eps
                hm[u] -= eps
                let numeric = (Self.lossFrom(t, h: hp, c: c, model: model, input: input, targets: targets, clamps: s.clamps)
                    - Self.lossFrom(t, h: hm, c: c, model: model, input: input, targets: targets, clamps: s.clamps)) / (2 * eps)
                #expect(abs(numeric - g.hidden(at: t)[u]) < 1e-7 * (1 + abs(numeric)), "\(s) dL/dh_\(t)[\(u)]")
                if let c, let o = trace.gate(.output, at: t) {
                    var cp = c, cm = c
                    cp[u] += eps
                    cm[u] -= eps
                    var hcp = h, hcm = h
                    hcp[u] = o[u] * tanh(cp[u])
                    hcm[u] = o[u] * tanh(cm[u])
                    let numericC = (Self.lossFrom(t, h: hcp, c: cp, model: model, input: input, targets: targets, clamps: s.clamps)
                        - Self.lossFrom(t, h: hcm, c: cm, model: model, input: input, targets: targets, clamps: s.clamps)) / (2 * eps)
                    #expect(abs(numericC - (g.cell(at: t)?[u] ?? .nan)) < 1e-7 * (1 + abs(numericC)), "\(s) dL/dc_\(t)[\(u)]")
                }
            }
        }
    }

    /// A clamped gate receives no gradient: the rows of W_ih for a gate clamped at every step are zero.
    @Test func clampedEverywhereMeansNoGradientIntoTheGate() {
        let s = Setup(kind: .lstm, nonlinearity: .tanh, clamps: [Clamp(gate: .forget, value: 0.7)], hasHead: true)
        let (model, input, targets) = Self.problem(s)
        let g = model.backward(model.forward(input, targets: targets, clamps: s.clamps))
        let H = model.hiddenSize, L = model.layout
        for r in H..<(2 * H) {
            for j in 0..<model.inputSize { #expect(g.parameters[L.weightIH + r * model.inputSize + j] == 0) }
            #expect(g.parameters[L.biasHH + r] == 0)
        }
        #expect(g.parameters[L.biasHH].magnitude > 0, "the input gate still learns")
    }

    /// Each step's share of the gradient sums to the total, and the read-out gets nothing at steps without a target.
    @Test(arguments: [CellKind.rnn, .lstm, .gru])
    func stepSharesSumToTheTotal(_ kind: CellKind) {
        let s = Setup(kind: kind, nonlinearity: .tanh, clamps: [], hasHead: true)
        let (model, input, targets) = Self.problem(s)
        let trace = model.forward(input, targets: targets)
        let plain = model.backward(trace)
        let shared = model.backward(trace, recordStepShares: true)
        for k in model.parameters.indices {
            var sum = 0.0
            for t in 1...trace.steps { sum += shared.share(ofParameter: k, at: t) ?? .nan }
            #expect(abs(sum - plain.parameters[k]) < 1e-12)
        }
        let headBias = model.layout.headBias
        #expect(shared.share(ofParameter: headBias, at: 2) == 0, "step 2 has no target")
        #expect(shared.share(ofParameter: headBias, at: 1) != 0)
    }
}
