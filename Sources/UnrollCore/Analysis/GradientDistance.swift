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
/// The RNN may run with any `Squash`, including the sigmoid PyTorch does not offer: its Jacobian
/// chain J_t = diag(f′(pre_t)) W_hh is computed directly. The gated cells use the core's forward
/// trace (with clamps) and the cells' own backward steps.
///
/// ```swift
/// let model = RecurrentModel.analysisModel(kind: .rnn, hiddenSize: 16, spectralRadius: 0.7)
/// let g = GradientDistance(model: model, input: input)
/// g.relativeLossGradient(distance: 20)   // ‖∂L_T/∂h_{T−20}‖ / ‖∂L_T/∂h_{T−1}‖
/// ```
public struct GradientDistance: Sendable {
    public private(set) var kind: CellKind
    /// The RNN's squashing function (nil for the gated cells).
    public private(set) var squash: Squash?
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
    private var elmanPre: [Double] = []
    private var elmanSlope: [Double] = []
    private var elmanHidden: [Double] = []
    private var rows: [Double] = []
    private var nextRows: [Double] = []
    private var scratch: [Double] = []

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
        let T = input.count, H = model.hiddenSize, GH = model.layout.gateRows, O = model.outputSize
        precondition(T >= 1, "the input needs at least one step")
        let y = min(max(target ?? 0, 0), O - 1)
        kind = model.kind
        steps = T
        hiddenSize = H
        self.target = y
        let cell = model.cell, isElman = cell is ElmanCell
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
        fit(&nextRows, R * S)
        fit(&scratch, (R + 1) * GH + 4 * H + model.layout.cellExtraCount)

        // Forward: the last step's probabilities and the seeds at h_T.
        var probsT = [Double](repeating: 0, count: 0)
        if isElman {
            let f = squash ?? (model.nonlinearity == .relu ? Squash.relu : Squash.tanh)
            self.squash = f
            elmanForward(model, input, f)
            probsT = elmanReadOut(model)
        } else {
            self.squash = nil
            var targets = [Int?](repeating: nil, count: T)
            targets[T - 1] = y
            var tr = trace.flatMap { $0.layout == model.layout ? $0 : nil } ?? Trace(layout: model.layout, nonlinearity: model.nonlinearity)
            trace = nil  // keep the storage uniquely referenced while writing
            model.forward(input, targets: targets, clamps: clamps, into: &tr)
            probsT = tr.probabilities(at: T)
            trace = tr
        }
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

        // Backward: carry every row from state t to state t−1. The buffers are moved into locals
        // for the loop (no copies) and moved back afterwards.
        let L = model.layout
        let trace = self.trace
        var cur = [Double](), nxt = [Double](), sc = [Double](), slope = [Double]()
        var lossN = [Double](), hN = [Double](), cN = [Double](), jN = [Double]()
        swap(&cur, &rows); swap(&nxt, &nextRows); swap(&sc, &scratch); swap(&slope, &elmanSlope)
        swap(&lossN, &lossGradientNorms); swap(&hN, &lossGradientHiddenNorms)
        swap(&cN, &lossGradientCellNorms); swap(&jN, &jacobianNorms)
        model.parameters.withUnsafeBufferPointer { pBuf in
        cur.withUnsafeMutableBufferPointer { rBuf in
        nxt.withUnsafeMutableBufferPointer { nBuf in
        sc.withUnsafeMutableBufferPointer { scBuf in
        slope.withUnsafeBufferPointer { slopeBuf in
            guard let p = pBuf.baseAddress, var cur = rBuf.baseAddress, var nxt = nBuf.baseAddress,
                  let sc = scBuf.baseAddress else { return }
            let whh = p + L.weightHH
            // Scratch: the W_hh-side gradient of every row (R × GH), then the cells' other outputs.
            let dRows = sc, dIH = sc + R * GH
            for s in stride(from: T - 1, through: 0, by: -1) {
                for k in 0..<(R * S) { nxt[k] = 0 }
                // Per row: the cell's own backward step (its direct paths go straight into `nxt`).
                switch isElman {
                case true:
                    guard let slope = slopeBuf.baseAddress.map({ $0 + s * H }) else { return }
                    for r in 0..<R {
                        let dh = cur + r * S, d = dRows + r * GH
                        for u in 0..<H { d[u] = dh[u] * slope[u] }
                    }
                default:
                    guard let tr = trace else { return }
                    GradientDistance.cellBackward(cell, tr, step: s, rows: R, stateSize: S, cur: cur, nxt: nxt,
                                                  dRows: dRows, scratch: dIH, parameters: p + L.cellExtra)
                }
                // Then every row through W_hhᵀ at once: ∂/∂h_{t−1} += W_hhᵀ d.
                GradientDistance.addTransposedProducts(whh, dRows, nxt, rows: GH, columns: H, count: R, outStride: S)
                swap(&cur, &nxt)
                // Norms at state s (distance T − s).
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
        }}}}}
        swap(&cur, &rows); swap(&nxt, &nextRows); swap(&sc, &scratch); swap(&slope, &elmanSlope)
        swap(&lossN, &lossGradientNorms); swap(&hN, &lossGradientHiddenNorms)
        swap(&cN, &lossGradientCellNorms); swap(&jN, &jacobianNorms)
    }

    /// Every row's backward step through `cell` at 0-based step `s`: W_hh-side gradients into
    /// `dRows`, the direct parts of ∂/∂h_{t−1} and ∂/∂c_{t−1} into `nxt`. `scratch` holds
    /// G·H + 3H + the cell's own parameter count values.
    private static func cellBackward<Cell: RecurrentCell>(_ cell: Cell, _ tr: Trace, step s: Int, rows R: Int, stateSize S: Int,
                                                          cur: UnsafeMutablePointer<Double>, nxt: UnsafeMutablePointer<Double>,
                                                          dRows: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>,
                                                          parameters extra: UnsafePointer<Double>) {
        let H = tr.H, GH = tr.GH, CH = cell.cacheBlocks * H, hasCell = cell.hasCellState
        let dIH = scratch, dcTotal = scratch + GH, spare = scratch + GH + H, spareC = scratch + GH + 2 * H
        let dExtra = scratch + GH + 3 * H
        tr.gateValues.withUnsafeBufferPointer { gv in
        tr.clampedMask.withUnsafeBufferPointer { mask in
        tr.hiddenStates.withUnsafeBufferPointer { hs in
        tr.initialHidden.withUnsafeBufferPointer { h0 in
        tr.cellStates.withUnsafeBufferPointer { cs in
        tr.initialCell.withUnsafeBufferPointer { c0 in
        tr.stepCache.withUnsafeBufferPointer { cache in
            guard let gates = gv.baseAddress.map({ $0 + s * GH }), let hBase = hs.baseAddress,
                  let h0 = h0.baseAddress, let c0 = c0.baseAddress else { return }
            let cm: UnsafePointer<Bool>? = tr.hasClamps ? mask.baseAddress.map { $0 + s * GH } : nil
            let hPrev: UnsafePointer<Double> = s == 0 ? h0 : hBase + (s - 1) * H
            let cBase: UnsafePointer<Double> = hasCell ? (cs.baseAddress ?? UnsafePointer(spare)) : UnsafePointer(spare)
            let cacheAt: UnsafePointer<Double> = CH > 0 ? (cache.baseAddress.map { $0 + s * CH } ?? UnsafePointer(spare)) : UnsafePointer(spare)
            for r in 0..<R {
                let dh = cur + r * S
                cell.backward(CellBackwardStep(
                    hiddenSize: H, dh: dh, dcNext: hasCell ? UnsafePointer(dh + H) : UnsafePointer(spare),
                    gates: gates, clamped: cm, hPrev: hPrev, h: hBase + s * H,
                    cPrev: hasCell && s > 0 ? cBase + (s - 1) * H : c0, c: hasCell ? cBase + s * H : cBase,
                    cache: cacheAt, extra: extra, dIH: dIH, dHH: dRows + r * GH, dhPrev: nxt + r * S,
                    dcPrev: hasCell ? nxt + r * S + H : spareC, dcTotal: dcTotal, dExtra: dExtra, nonlinearity: .tanh))
            }
        }}}}}}}
    }

    /// out_r[j] += Σ_g W[g, j] · d_r[g] for `count` rows r (d rows of length `rows`, out rows `outStride`
    /// apart): W's rows are read once for four gradient rows at a time.
    ///
    /// - Complexity: O(count · rows · columns), no allocation.
    @inline(__always)
    static func addTransposedProducts(_ w: UnsafePointer<Double>, _ d: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                      rows G: Int, columns H: Int, count R: Int, outStride S: Int) {
        var r = 0
        while r + 4 <= R {
            let o0 = out + r * S, o1 = o0 + S, o2 = o1 + S, o3 = o2 + S
            let d0 = d + r * G, d1 = d0 + G, d2 = d1 + G, d3 = d2 + G
            for g in 0..<G {
                let a = d0[g], b = d1[g], c = d2[g], e = d3[g]
                if a == 0 && b == 0 && c == 0 && e == 0 { continue }
                let wr = w + g * H
                for j in 0..<H {
                    let x = wr[j]
                    o0[j] += x * a
                    o1[j] += x * b
                    o2[j] += x * c
                    o3[j] += x * e
                }
            }
            r += 4
        }
        while r < R {
            Kernels.addMatTVec(w, d + r * G, out + r * S, rows: G, cols: H)
            r += 1
        }
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

    /// The Elman forward pass with any squashing function: pre_t, h_t and f′(pre_t) for every step.
    private mutating func elmanForward(_ model: RecurrentModel, _ input: SequenceInput, _ f: Squash) {
        let T = input.count, H = model.hiddenSize, I = model.inputSize, L = model.layout
        if elmanPre.count != T * H {
            elmanPre = [Double](repeating: 0, count: T * H)
            elmanSlope = elmanPre
            elmanHidden = elmanPre
        }
        model.parameters.withUnsafeBufferPointer { pBuf in
        input.values.withUnsafeBufferPointer { xBuf in
        elmanPre.withUnsafeMutableBufferPointer { preBuf in
        elmanSlope.withUnsafeMutableBufferPointer { slBuf in
        elmanHidden.withUnsafeMutableBufferPointer { hBuf in
            guard let p = pBuf.baseAddress, let preBase = preBuf.baseAddress, let slope = slBuf.baseAddress,
                  let hBase = hBuf.baseAddress else { return }
            let wih = p + L.weightIH, whh = p + L.weightHH, bih = p + L.biasIH, bhh = p + L.biasHH
            for s in 0..<T {
                let pre = preBase + s * H, h = hBase + s * H
                for u in 0..<H { pre[u] = bih[u] + bhh[u] }
                if let x = xBuf.baseAddress { Kernels.addMatVec(wih, x + s * I, pre, rows: H, cols: I) }
                if s > 0 { Kernels.addMatVec(whh, hBase + (s - 1) * H, pre, rows: H, cols: H) }
                for u in 0..<H {
                    h[u] = f.value(pre[u])
                    slope[s * H + u] = f.derivative(pre[u])
                }
            }
        }}}}}
    }

    /// softmax(head(h_T)) after `elmanForward`.
    private func elmanReadOut(_ model: RecurrentModel) -> [Double] {
        let H = model.hiddenSize, O = model.outputSize, base = (steps - 1) * H
        var logits = [Double](repeating: 0, count: O)
        for k in 0..<O {
            var s = model.headBias(k)
            for u in 0..<H { s += model.headWeight(k, u) * elmanHidden[base + u] }
            logits[k] = s
        }
        return softmax(logits)
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
            curves.append(Curve(label: kind.displayName, kind: kind, squash: nil, initialisation: .random,
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
