import CUnrollKernels

/// B sequences of one length run forward and back together: each step's shared products for all B
/// sequences at once as matrix–matrix kernels (W_hh read once per step, not once per sequence), the
/// cell's own step per sequence, and the weight gradients as one product over every (step, sequence)
/// after the loop. What a training update of equal-length sequences needs (the memory race's 32 per
/// update), and nothing else: one layer, one direction, class targets, zero initial states, no clamps,
/// no embedding.
///
/// The summed gradient equals the sum of `backward` over the sequences one at a time up to rounding
/// (the additions happen in another order). One-hot token steps skip the W_ih product: the input
/// side is column k of W_ih, and its gradient lands in column k only.
///
/// ```swift
/// var batch = SequenceBatch(layout: model.layout)
/// model.forward(examples, into: &batch)     // losses and predictions
/// model.backward(&batch)                    // batch.gradient: Σ over the examples of ∂L/∂θ
/// ```
public struct SequenceBatch: Sendable {
    public let layout: ParameterLayout
    /// B
    public private(set) var count = 0
    /// T
    public private(set) var steps = 0
    /// T·B: the one-hot token of each (step, sequence), −1 where the step is read from `inputs`.
    var tokens: [Int] = []
    /// T·B·I: the dense inputs of steps without a token (zeros elsewhere).
    var inputs: [Double] = []
    var hasDenseSteps = false
    /// T·B: the target class, −1 for none.
    var targets: [Int] = []
    /// T·B·GH gate values, T·B·H hidden and cell states, T·B·CH cell caches; T·B·O probabilities
    /// (written at steps with a target only).
    var gates: [Double] = []
    var hidden: [Double] = []
    var cellStates: [Double] = []
    var cache: [Double] = []
    var probabilities: [Double] = []
    /// Each sequence's summed cross-entropy.
    public internal(set) var losses: [Double] = []
    /// Σ over the sequences of ∂L/∂θ, in `layout` order (after `backward`).
    public internal(set) var gradient: [Double]
    /// The gradients at the input-side and hidden-side sums, T·B·GH each.
    var dIH: [Double] = []
    var dHH: [Double] = []

    public init(layout: ParameterLayout) {
        precondition(layout.isSingleLayer && layout.embeddingRows == nil, "a batch runs one layer without an embedding")
        self.layout = layout
        gradient = [Double](repeating: 0, count: layout.count)
    }

    /// The summed loss of every sequence.
    public var totalLoss: Double { losses.reduce(0, +) }

    /// The class with the largest probability for sequence `b` at step t (1-based), which must have a
    /// target; the first of equal ones, as `Trace.predicted`.
    public func predicted(sequence b: Int, at t: Int) -> Int {
        let O = layout.outputSize, base = ((t - 1) * count + b) * O
        var best = 0
        for k in 1..<max(1, O) where probabilities[base + k] > probabilities[base + best] { best = k }
        return best
    }

    /// Sizes the storage for B sequences of T steps (no allocation when the shape repeats).
    mutating func resize(count B: Int, steps T: Int, cacheBlocks: Int) {
        count = B
        steps = T
        let L = layout, H = L.hiddenSize, GH = L.gateRows, I = L.inputSize, O = L.outputSize, n = T * B
        func size(_ a: inout [Double], _ k: Int) { if a.count != k { a = [Double](repeating: 0, count: k) } }
        if tokens.count != n { tokens = [Int](repeating: -1, count: n); targets = tokens }
        size(&inputs, n * I)
        size(&gates, n * GH)
        size(&hidden, n * H)
        size(&cellStates, L.cell.hasCellState ? n * H : 0)
        size(&cache, n * cacheBlocks * H)
        size(&probabilities, n * O)
        size(&losses, B)
        size(&dIH, n * GH)
        size(&dHH, n * GH)
    }
}

extension RecurrentModel {
    /// Runs `examples` (equal lengths, class targets) forward together into `batch`: every
    /// sequence's loss, and the probabilities at its steps with a target.
    /// - Complexity: O(T · B · G·H · H) for the recurrent products, O(T · B · G·H) for one-hot inputs.
    public func forward(_ examples: [Example], into batch: inout SequenceBatch) {
        precondition(batch.layout == layout, "batch made for another model shape")
        precondition(outputKind == .classes, "a batch trains class targets")
        let B = examples.count, T = examples.first?.input.count ?? 0
        let I = inputSize
        batch.resize(count: B, steps: T, cacheBlocks: cell.cacheBlocks)
        batch.hasDenseSteps = false
        for (b, ex) in examples.enumerated() {
            precondition(ex.input.count == T && ex.targets.count == T, "a batch's sequences have one length")
            precondition(ex.input.inputSize == I, "input size \(ex.input.inputSize), model expects \(I)")
            for s in 0..<T {
                let k = s * B + b
                batch.targets[k] = ex.targets[s].map { $0 >= 0 && $0 < outputSize ? $0 : -1 } ?? -1
                if let tok = ex.input.tokens?[s], tok >= 0, tok < I {
                    batch.tokens[k] = tok
                } else {
                    batch.tokens[k] = -1
                    batch.hasDenseSteps = true
                    for j in 0..<I { batch.inputs[k * I + j] = ex.input.values[s * I + j] }
                }
            }
        }
        cell.runBatchedForward(self, into: &batch)
    }

    /// Backpropagation through time for the batch `forward` ran: `batch.gradient` becomes the sum of
    /// every sequence's ∂L/∂θ.
    /// - Complexity: O(T · B · G·H · (H + 1)) and O(T · B · G·H · I) more for dense input steps.
    public func backward(_ batch: inout SequenceBatch) {
        precondition(batch.layout == layout, "batch made for another model shape")
        for k in batch.gradient.indices { batch.gradient[k] = 0 }
        cell.runBatchedBackward(self, &batch)
    }

    /// The forward step loop of a batch, specialised for each cell.
    func batchedForwardSteps<Cell: RecurrentCell>(_ cell: Cell, into batch: inout SequenceBatch) {
        let B = batch.count, T = batch.steps, L = layout
        let H = hiddenSize, GH = L.gateRows, I = inputSize, O = outputSize
        let CH = cell.cacheBlocks * H, hasCell = cell.hasCellState, nonlinearity = self.nonlinearity
        // W_ihᵀ (I × GH: a token's input side is one row) and W_hhᵀ (H × GH), then per step the input-side
        // and hidden-side sums of every sequence (B × GH each), pre-activations (GH), logits (O), zeros (H).
        var scratch = [Double](repeating: 0, count: I * GH + H * GH + 2 * B * GH + GH + O + H)
        var losses = [Double](repeating: 0, count: B)
        parameters.withUnsafeBufferPointer { pBuf in
        scratch.withUnsafeMutableBufferPointer { scBuf in
        batch.inputs.withUnsafeBufferPointer { xBuf in
        batch.tokens.withUnsafeBufferPointer { tokBuf in
        batch.targets.withUnsafeBufferPointer { tgtBuf in
        batch.gates.withUnsafeMutableBufferPointer { gBuf in
        batch.hidden.withUnsafeMutableBufferPointer { hBuf in
        batch.cellStates.withUnsafeMutableBufferPointer { cBuf in
        batch.cache.withUnsafeMutableBufferPointer { cacheBuf in
        batch.probabilities.withUnsafeMutableBufferPointer { prBuf in
        losses.withUnsafeMutableBufferPointer { lossBuf in
            guard let p = pBuf.baseAddress, let sc = scBuf.baseAddress, let x = xBuf.baseAddress, let tok = tokBuf.baseAddress,
                  let tgt = tgtBuf.baseAddress, let gBase = gBuf.baseAddress, let hBase = hBuf.baseAddress,
                  let prBase = prBuf.baseAddress, let loss = lossBuf.baseAddress else { return }
            let wihT = sc, whhT = sc + I * GH, ih = whhT + H * GH, hh = ih + B * GH, pre = hh + B * GH
            let logits = pre + GH, zeros = logits + O
            let cBase = hasCell ? (cBuf.baseAddress ?? zeros) : zeros
            let cacheBase = cacheBuf.baseAddress ?? zeros
            let wih = p + L.weightIH, whh = p + L.weightHH, bih = p + L.biasIH, bhh = p + L.biasHH
            Kernels.transpose(wih, into: wihT, rows: GH, columns: I)
            Kernels.transpose(whh, into: whhT, rows: GH, columns: H)
            for s in 0..<T {
                // ih = W_ih x + b_ih (a token: its row of W_ihᵀ); hh = W_hh h_{t−1} + b_hh for every sequence.
                for b in 0..<B {
                    let k = s * B + b, ihb = ih + b * GH, hhb = hh + b * GH
                    let t = tok[k]
                    if t >= 0 {
                        let row = wihT + t * GH
                        for r in 0..<GH { ihb[r] = bih[r] + row[r] }
                    } else {
                        for r in 0..<GH { ihb[r] = bih[r] }
                        Kernels.addMatVec(wih, x + k * I, ihb, rows: GH, cols: I)
                    }
                    for r in 0..<GH { hhb[r] = bhh[r] }
                }
                if s > 0 { Kernels.addRowCombinations(hBase + (s - 1) * B * H, whhT, hh, rows: B, inner: H, columns: GH) }
                for b in 0..<B {
                    let k = s * B + b
                    let hPrev: UnsafePointer<Double> = s == 0 ? UnsafePointer(zeros) : UnsafePointer(hBase + ((s - 1) * B + b) * H)
                    let cPrev: UnsafePointer<Double> = hasCell && s > 0 ? UnsafePointer(cBase + ((s - 1) * B + b) * H) : UnsafePointer(zeros)
                    let h = hBase + k * H
                    cell.forward(CellForwardStep(
                        hiddenSize: H, ih: ih + b * GH, hh: hh + b * GH, pre: pre, gates: gBase + k * GH,
                        clampValue: nil, clamped: nil, hPrev: hPrev, h: h, cPrev: cPrev,
                        c: hasCell ? cBase + k * H : zeros, cache: CH > 0 ? cacheBase + k * CH : zeros,
                        extra: p + L.cellExtra, nonlinearity: nonlinearity))
                    let target = tgt[k]
                    if target >= 0 {
                        loss[b] += ReadOut.forward(p, L, feature: h, logits: logits, probs: prBase + k * O, target: target,
                                                   targetValues: nil, regression: false)
                    }
                }
            }
        }}}}}}}}}}}
        for b in 0..<B { batch.losses[b] = losses[b] }
    }

    /// The backward step loop of a batch, specialised for each cell: per step the read-out where there is
    /// a target, the cell's step per sequence and ∂/∂h_{t−1} for all sequences through W_hhᵀ at once; then
    /// the weight gradients over every (step, sequence) in one product each.
    func batchedBackwardSteps<Cell: RecurrentCell>(_ cell: Cell, _ batch: inout SequenceBatch) {
        let B = batch.count, T = batch.steps, L = layout
        let H = hiddenSize, GH = L.gateRows, I = inputSize, O = outputSize
        let CH = cell.cacheBlocks * H, hasCell = cell.hasCellState, nonlinearity = self.nonlinearity
        let hasDense = batch.hasDenseSteps
        // dh (B × H), dhNext (B × H), dc and dcNext (B × H each), dlogits (O), zeros (H), spare (H),
        // and the token rows of ∂W_ihᵀ (I × GH).
        var scratch = [Double](repeating: 0, count: 4 * B * H + O + 2 * H + I * GH)
        parameters.withUnsafeBufferPointer { pBuf in
        scratch.withUnsafeMutableBufferPointer { scBuf in
        batch.inputs.withUnsafeBufferPointer { xBuf in
        batch.tokens.withUnsafeBufferPointer { tokBuf in
        batch.targets.withUnsafeBufferPointer { tgtBuf in
        batch.gates.withUnsafeBufferPointer { gBuf in
        batch.hidden.withUnsafeBufferPointer { hBuf in
        batch.cellStates.withUnsafeBufferPointer { cBuf in
        batch.cache.withUnsafeBufferPointer { cacheBuf in
        batch.probabilities.withUnsafeBufferPointer { prBuf in
        batch.dIH.withUnsafeMutableBufferPointer { dIHBuf in
        batch.dHH.withUnsafeMutableBufferPointer { dHHBuf in
        batch.gradient.withUnsafeMutableBufferPointer { gradBuf in
            guard let p = pBuf.baseAddress, let sc = scBuf.baseAddress, let x = xBuf.baseAddress, let tok = tokBuf.baseAddress,
                  let tgt = tgtBuf.baseAddress, let gBase = gBuf.baseAddress, let hBase = hBuf.baseAddress,
                  let prBase = prBuf.baseAddress, let dIHBase = dIHBuf.baseAddress, let dHHBase = dHHBuf.baseAddress,
                  let grad = gradBuf.baseAddress else { return }
            let dh = sc, dhNext = dh + B * H, dcA = dhNext + B * H, dcB = dcA + B * H, dlogits = dcB + B * H
            let zeros = dlogits + O, spare = zeros + H, dWihT = spare + H
            var dcNext = dcA, dcPrev = dcB
            let cBase: UnsafePointer<Double> = hasCell ? (cBuf.baseAddress.map { UnsafePointer($0) } ?? UnsafePointer(zeros)) : UnsafePointer(zeros)
            let cacheBase: UnsafePointer<Double> = cacheBuf.baseAddress.map { UnsafePointer($0) } ?? UnsafePointer(zeros)
            let whh = p + L.weightHH
            for s in stride(from: T - 1, through: 0, by: -1) {
                for b in 0..<B {
                    let k = s * B + b, dhb = dh + b * H, h = hBase + k * H
                    for u in 0..<H { dhb[u] = dhNext[b * H + u] }
                    let target = tgt[k]
                    if target >= 0 {
                        let pr = prBase + k * O
                        for c in 0..<O { dlogits[c] = pr[c] }
                        dlogits[target] -= 1
                        if L.hasHead {
                            Kernels.addOuter(dlogits, h, grad + L.headWeight, rows: O, cols: H)
                            for c in 0..<O { grad[L.headBias + c] += dlogits[c] }
                            Kernels.addMatTVec(p + L.headWeight, dlogits, dhb, rows: O, cols: H)
                        } else {
                            for c in 0..<O { dhb[c] += dlogits[c] }
                        }
                    }
                    cell.backward(CellBackwardStep(
                        hiddenSize: H, dh: dhb, dcNext: hasCell ? dcNext + b * H : zeros, gates: gBase + k * GH, clamped: nil,
                        hPrev: s == 0 ? UnsafePointer(zeros) : hBase + ((s - 1) * B + b) * H, h: h,
                        cPrev: hasCell && s > 0 ? cBase + ((s - 1) * B + b) * H : UnsafePointer(zeros),
                        c: hasCell ? cBase + k * H : UnsafePointer(zeros), cache: CH > 0 ? cacheBase + k * CH : UnsafePointer(zeros),
                        extra: p + L.cellExtra, dIH: dIHBase + k * GH, dHH: dHHBase + k * GH, dhPrev: dhNext + b * H,
                        dcPrev: hasCell ? dcPrev + b * H : spare, dcTotal: spare, dExtra: grad + L.cellExtra,
                        nonlinearity: nonlinearity))
                }
                // ∂/∂h_{t−1} += W_hhᵀ dHH for every sequence: rows of dHH combine the rows of W_hh.
                if s > 0 { Kernels.addRowCombinations(dHHBase + s * B * GH, whh, dhNext, rows: B, inner: GH, columns: H) }
                if hasCell { swap(&dcNext, &dcPrev) }
            }
            // The weight gradients over every (step, sequence) k: biases Σ_k d_k, W_hh Σ_k dHH_k h_{k−1}ᵀ (h₀ = 0),
            // W_ih Σ_k dIH_k x_kᵀ (a token k: column k only).
            let n = T * B
            for k in 0..<n {
                let dI = dIHBase + k * GH, dH = dHHBase + k * GH
                for r in 0..<GH {
                    grad[L.biasIH + r] += dI[r]
                    grad[L.biasHH + r] += dH[r]
                }
                let t = tok[k]
                if t >= 0 {
                    Kernels.axpy(1, dI, dWihT + t * GH, GH)
                } else if hasDense {
                    Kernels.addOuter(dI, x + k * I, grad + L.weightIH, rows: GH, cols: I)
                }
            }
            for j in 0..<I {
                for r in 0..<GH { grad[L.weightIH + r * I + j] += dWihT[j * GH + r] }
            }
            if T > 1 {
                // Σ over (step ≥ 2, sequence) k of dHH_k h_{k−1}ᵀ: one blocked product over every k, in order.
                Kernels.addOuterBlock(dHHBase + B * GH, dStride: GH, hBase, xStride: H, grad + L.weightHH,
                                      rows: GH, cols: H, count: (T - 1) * B)
            }
        }}}}}}}}}}}}}
    }
}

extension Kernels {
    /// out[i, j] += Σ_k a[i, k] · m[k, j] (a: rows × inner, m: inner × columns, out: rows × columns, all
    /// row-major and dense): a matrix–matrix product in the C kernels (`gemm_add`, the level chosen at
    /// start-up), whose output tiles (four rows, two vectors) stay in registers while k runs in order.
    ///
    /// - Complexity: O(rows · inner · columns), no allocation.
    @inline(__always)
    static func addRowCombinations(_ a: UnsafePointer<Double>, _ m: UnsafePointer<Double>, _ out: UnsafeMutablePointer<Double>,
                                   rows R: Int, inner K: Int, columns N: Int) {
        unroll_gemm_add(a, m, out, R, K, N)
    }

    /// out = aᵀ: `a` is rows × columns, `out` columns × rows, both row-major.
    static func transpose(_ a: UnsafePointer<Double>, into out: UnsafeMutablePointer<Double>, rows R: Int, columns C: Int) {
        for r in 0..<R {
            let row = a + r * C
            for c in 0..<C { out[c * R + r] = row[c] }
        }
    }
}
