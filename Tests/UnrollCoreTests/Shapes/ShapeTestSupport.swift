import Testing
@testable import UnrollCore

/// Small random problems and a finite-difference check shared by the shape tests (tiny H and T keep them fast).
enum ShapeProblem {
    /// rnn tanh, lstm, gru: every cell the shapes must support.
    static let cells: [CellKind] = [.rnn, .lstm, .gru]

    /// Uniform(−0.9, 0.9) parameters from `seed`.
    static func randomise(_ values: inout [Double], seed: UInt64) {
        var rng = SeededRandom(seed: seed)
        for k in values.indices { values[k] = rng.uniform(-0.9, 0.9) }
    }

    /// A random stack (I = 3, H = 2, O = 3).
    static func stack(_ kind: CellKind, layers: Int, bidirectional: Bool, hasHead: Bool = true, seed: UInt64 = 5) -> RecurrentModel {
        var m = RecurrentModel(kind: kind, inputSize: 3, hiddenSize: 2, numLayers: layers, bidirectional: bidirectional,
                           outputSize: hasHead ? 3 : nil, hasHead: hasHead)
        var p = m.parameters
        randomise(&p, seed: seed)
        m.parameters = p
        return m
    }

    /// Four steps with an unknown one; targets on three of them.
    static let input = SequenceInput(tokens: [0, 2, nil, 1], inputSize: 3)
    static let targets: [Int?] = [1, nil, 2, 0]

    /// The worst relative gap (|numeric − analytic| / (1 + |numeric|)) between `analytic` and central
    /// differences of `loss` around `point`.
    static func worstGap(_ point: [Double], analytic: [Double], eps: Double = 1e-6, loss: ([Double]) -> Double) -> Double {
        var worst = 0.0
        for k in point.indices {
            var plus = point, minus = point
            plus[k] += eps
            minus[k] -= eps
            let numeric = (loss(plus) - loss(minus)) / (2 * eps)
            worst = max(worst, abs(numeric - analytic[k]) / (1 + abs(numeric)))
        }
        return worst
    }

    /// The largest absolute difference between two equally long vectors.
    static func maxGap(_ a: [Double], _ b: [Double]) -> Double {
        precondition(a.count == b.count, "\(a.count) vs \(b.count) values")
        return zip(a, b).map { abs($0 - $1) }.max() ?? 0
    }
}
