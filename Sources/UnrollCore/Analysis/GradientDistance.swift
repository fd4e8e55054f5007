#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Gradient against distance: how much of a signal at the last step T still reaches the state at
/// step t, for t = T…0 (distance d = T − t = 0…T).
///
/// Two series, from one forward run and H + 1 backward passes that share the per-step work:
///
/// - `lossGradientNorms[d]` = ‖∂L_T/∂s_t‖₂ with the cross-entropy on the last step only;
/// - `jacobianNorms[d]` = ‖∂h_T/∂s_t‖_F, the Frobenius norm of the Jacobian, assembled row by row
///   from H backward passes seeded with the unit vectors e_i at h_T (no loss).
///
/// The state s_t is h_t for the RNN and the GRU. For the LSTM it is the pair (h_t, c_t): both carry
/// information forward, so the norms are taken over the 2H-vector (∂/∂h_t, ∂/∂c_t), each partial
/// holding the other fixed (∂L/∂c_t|h_t = f_{t+1} ⊙ ∂L/∂c_{t+1}, the gradient on the cell's
/// conveyor belt). `lossGradientHiddenNorms` and `lossGradientCellNorms` give the two parts.
/// At d = 0 the Jacobian is [I 0], so `jacobianNorms[0]` = √H for every cell.
///
/// The RNN may run with any `Nonlinearity`, including the sigmoid PyTorch does not offer. Every cell
/// runs the core's forward pass (with clamps) and the core's batched backward (`backwardRows`): the
/// loss gradient and the H Jacobian rows are R = H + 1 seeds through one loop.
///
/// ```swift
/// let model = RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 16, spectralRadius: 0.7)
/// let g = GradientDistance(model: model, input: input)
/// g.relativeLossGradient(distance: 20)   // ‖∂L_T/∂h_{T−20}‖ / ‖∂L_T/∂h_{T−1}‖
/// ```
public struct GradientDistance: Sendable {
    public private(set) var kind: CellKind
    /// The RNN's squashing function (nil for the gated cells).
    public private(set) var squash: Nonlinearity?
    /// T.
    public private(set) var steps: Int
    /// H.
    public private(set) var hiddenSize: Int
    /// The class the last-step loss is measured against, and that loss.
    public private(set) var target: Int
    public private(set) var loss: Double
    /// T+1, by distance d = T − t: ‖∂L_T/∂s_t‖.
    public private(set) var lossGradientNorms: [Double]
    /// T+1, by distance: ‖∂L_T/∂h_t‖ (the h part; equals `lossGradientNorms` except for the LSTM).
    public private(set) var lossGradientHiddenNorms: [Double]
    /// T+1, by distance: ‖∂L_T/∂c_t|h_t‖ (LSTM; zeros otherwise).
    public private(set) var lossGradientCellNorms: [Double]
    /// T+1, by distance: ‖∂h_T/∂s_t‖_F.
    public private(set) var jacobianNorms: [Double]

    // Reused storage.
    private var trace: Trace?
    private var rows: [Double] = []

    /// An empty measurement, to be filled by `recompute`.
    public init() {
        kind = .rnn
        squash = nil
        steps = 0
        hiddenSize = 0
        target = 0
        loss = 0
        lossGradientNorms = []
        lossGradientHiddenNorms = []
        lossGradientCellNorms = []
        jacobianNorms = []
    }

    /// Measures `model` on `input`.
    ///
    /// - Parameters:
    ///   - target: the class of the last-step loss (default 0; the series' shape does not depend on it,
    ///     since every backward pass is linear in its seed).
    ///   - clamps: gates held at constants (LSTM, GRU), as in a trace.
    ///   - squash: the RNN's squashing function; nil uses the model's tanh or relu.
    /// - Complexity: O(T·G·H·(I + H)) forward and O((H + 1)·T·G·H²) backward.
    public init(model: RecurrentModel, input: SequenceInput, target: Int? = nil, clamps: [Clamp] = [], squash: Squash? = nil) {
        self.init()
        recompute(model: model, input: input, target: target, clamps: clamps, squash: squash)
    }

    /// ‖∂L_T/∂s_{T−d}‖ / ‖∂L_T/∂s_{T−1}‖: the loss gradient at distance d relative to distance 1.
    public func relativeLossGradient(distance d: Int) -> Double { lossGradientNorms[d] / lossGradientNorms[1] }

    /// ‖∂h_T/∂s_{T−d}‖_F / ‖∂h_T/∂s_{T−1}‖_F.
    public func relativeJacobian(distance d: Int) -> Double { jacobianNorms[d] / jacobianNorms[1] }

    /// ‖∂L_T/∂s_t‖ at step t (0 ≤ t ≤ T).
    public func lossGradientNorm(atStep t: Int) -> Double { lossGradientNorms[steps - t] }

    /// ‖∂h_T/∂s_t‖_F at step t (0 ≤ t ≤ T).
    public func jacobianNorm(atStep t: Int) -> Double { jacobianNorms[steps - t] }

    /// Recomputes in place, reusing storage (no allocation when the model's shape and T are unchanged).
    ///
    /// - Complexity: O((H + 1)·T·G·H²).
    public mutating func recompute(model: RecurrentModel, input: SequenceInput, target: Int? = nil, clamps: [Clamp] = [],
                                   squash: Squash? = nil) {
        precondition(input.inputSize == model.inputSize, "input size \(input.inputSize), model expects \(model.inputSize)")
        let T = input.count, H = model.hiddenSize, O = model.outputSize
        precondition(T >= 1, "the input needs at least one step")
        let y = min(max(target ?? 0, 0), O - 1)
        kind = model.kind
        steps = T
        hiddenSize = H
        self.target = y
        let cell = model.cell, isElman = cell.takesNonlinearity
        let S = cell.hasCellState ? 2 * H : H   // state size
        let R = H + 1                             // rows: the loss gradient, then ∂h_T[i]/∂s
        func fit(_ a: inout [Double], _ n: Int) {
            if a.count != n { a = [Double](repeating: 0, count: n) } else { for k in 0..<n { a[k] = 0 } }
        }
        fit(&lossGradientNorms, T + 1)
        fit(&lossGradientHiddenNorms, T + 1)
        fit(&lossGradientCellNorms, T + 1)
        fit(&jacobianNorms, T + 1)
        fit(&rows, R * S)

        // Forward through the core (the RNN with the chosen squashing function): the last step's
        // probabilities give the loss and the seed at h_T.
        var run = model
        if isElman {
            let f = squash ?? model.nonlinearity
            self.squash = f
            run.nonlinearity = f
        } else {
            self.squash = nil
        }
        var targets = [Int?](repeating: nil, count: T)
        targets[T - 1] = y
        var tr = trace.flatMap { $0.layout == model.layout ? $0 : nil } ?? Trace(layout: model.layout, nonlinearity: run.nonlinearity)
        trace = nil  // keep the storage uniquely referenced while writing
        run.forward(input, targets: targets, clamps: isElman ? [] : clamps, into: &tr)
        var probsT = tr.probabilities(at: T)
        loss = -log(max(probsT[y], .leastNonzeroMagnitude))
        // Row 0: ∂L_T/∂h_T = head.weightᵀ (p − e_y) (or p − e_y without a head); rows 1…H: e_i.
        probsT[y] -= 1
        for u in 0..<H {
            var s = 0.0
            for k in 0..<O { s += model.headWeight(k, u) * probsT[k] }
            rows[u] = s
        }
        for i in 0..<H { rows[(1 + i) * S + i] = 1 }
        recordNorms(distance: 0, S: S)

        // Backward: the core's batched backward carries every row from state t to state t−1; the norms
        // are taken at each state.
        var lossN = [Double](), hN = [Double](), cN = [Double](), jN = [Double]()
        swap(&lossN, &lossGradientNorms); swap(&hN, &lossGradientHiddenNorms)
        swap(&cN, &lossGradientCellNorms); swap(&jN, &jacobianNorms)
        run.backwardRows(tr, rows: &rows, count: R) { s, cur in
            let d = T - s
            var hSq = 0.0, cSq = 0.0, jSq = 0.0
            for u in 0..<H { hSq += cur[u] * cur[u] }
            if S > H { for u in H..<S { cSq += cur[u] * cur[u] } }
            for k in S..<(R * S) { jSq += cur[k] * cur[k] }
            hN[d] = hSq.squareRoot()
            cN[d] = cSq.squareRoot()
            lossN[d] = (hSq + cSq).squareRoot()
            jN[d] = jSq.squareRoot()
        }
        swap(&lossN, &lossGradientNorms); swap(&hN, &lossGradientHiddenNorms)
        swap(&cN, &lossGradientCellNorms); swap(&jN, &jacobianNorms)
        trace = tr
    }

    /// Norms of the current rows at distance `d` (used for d = 0 before the loop).
    private mutating func recordNorms(distance d: Int, S: Int) {
        let H = hiddenSize, R = H + 1
        var hSq = 0.0, cSq = 0.0, jSq = 0.0
        for u in 0..<H { hSq += rows[u] * rows[u] }
        if S > H { for u in H..<S { cSq += rows[u] * rows[u] } }
        for k in S..<(R * S) { jSq += rows[k] * rows[k] }
        lossGradientHiddenNorms[d] = hSq.squareRoot()
        lossGradientCellNorms[d] = cSq.squareRoot()
        lossGradientNorms[d] = (hSq + cSq).squareRoot()
        jacobianNorms[d] = jSq.squareRoot()
    }
}

extension GradientDistance {
    /// One curve of the standard comparison.
    public struct Curve: Sendable {
        /// e.g. "RNN tanh random", "LSTM", "GRU".
        public let label: String
        public let kind: CellKind
        public let squash: Squash?
        public let initialisation: RecurrentInitialisation
        public let distance: GradientDistance
    }

    /// The standard comparison at one hidden size: the RNN with tanh, relu and sigmoid, each with
    /// random, identity and orthogonal W_hh, then the LSTM and the GRU (PyTorch's default
    /// initialisation), all seeded alike and run on the same random token sequence of length `steps`.
    ///
    /// - Complexity: 11 measurements of O((H + 1)·T·G·H²).
    public static func comparison(hiddenSize H: Int = 16, inputSize I: Int = 8, steps T: Int = 50, seed: UInt64 = 0,
                                  spectralRadius: Double? = nil) -> [Curve] {
        let input = randomTokenInput(steps: T, inputSize: I, seed: seed &+ 101)
        var curves: [Curve] = []
        for f in [Squash.tanh, .relu, .sigmoid] {
            for scheme in RecurrentInitialisation.allCases {
                let model = RecurrentModel.analysisModel(kind: .rnn, inputSize: I, hiddenSize: H,
                                                         nonlinearity: f == .relu ? .relu : .tanh, initialisation: scheme,
                                                         spectralRadius: spectralRadius, seed: seed)
                curves.append(Curve(label: "RNN \(f.rawValue) \(scheme.rawValue)", kind: .rnn, squash: f, initialisation: scheme,
                                    distance: GradientDistance(model: model, input: input, squash: f)))
            }
        }
        for kind in [CellKind.lstm, .gru] {
            let model = RecurrentModel.analysisModel(kind: kind, inputSize: I, hiddenSize: H, seed: seed)
            // The LSTM's state is the pair (h, c): its curve measures the gradient reaching both.
            curves.append(Curve(label: kind == .lstm ? "LSTM(h,c)" : kind.displayName, kind: kind, squash: nil, initialisation: .random,
                                distance: GradientDistance(model: model, input: input)))
        }
        return curves
    }
}

/// A seeded sequence of one-hot tokens, uniform over the I classes.
public func randomTokenInput(steps T: Int, inputSize I: Int, seed: UInt64) -> SequenceInput {
    var rng = SeededRandom(seed: seed)
    return SequenceInput(tokens: (0..<T).map { _ in rng.below(I) }, inputSize: I)
}
