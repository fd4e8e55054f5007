extension RecurrentModel {
    /// Backpropagation through time over a forward trace.
    ///
    /// The loss is the trace's summed cross-entropy over steps with a target. `seedHidden` (and
    /// `seedCell`, a cell with a cell state) add an outside gradient at the final state: ∂h_T/∂h_t with
    /// `includeLoss: false`, or an encoder whose last state starts a decoder. `outsideHidden` (T × H)
    /// adds a gradient at every h_t from outside the layer (a layer above, a shared read-out).
    /// `inputGradients` also computes ∂L/∂x_t. ∂L/∂h₀ and ∂L/∂c₀ are always returned.
    /// - Complexity: O(T · G·H · (I + H)); O(T · P) more memory when `recordStepShares`.
    public func backward(_ trace: Trace, recordStepShares: Bool = false, seedHidden: [Double]? = nil, seedCell: [Double]? = nil,
                         outsideHidden: [Double]? = nil, inputGradients: Bool = false, includeLoss: Bool = true) -> Gradients {
        var g = Gradients(layout: layout)
        backward(trace, recordStepShares: recordStepShares, seedHidden: seedHidden, seedCell: seedCell, outsideHidden: outsideHidden,
                 inputGradients: inputGradients, includeLoss: includeLoss, into: &g)
        return g
    }

    /// Backpropagation through time into existing storage (no allocation once sized).
    public func backward(_ trace: Trace, recordStepShares: Bool = false, seedHidden: [Double]? = nil, seedCell: [Double]? = nil,
                         outsideHidden: [Double]? = nil, inputGradients: Bool = false, includeLoss: Bool = true,
                         into g: inout Gradients) {
        precondition(trace.layout == layout, "trace made for another model shape")
        defer {
            // An encoder–decoder: what reached the decoder's initial states goes back into the encoder.
            if let encoder, let encoderTrace = trace.encoder {
                let e = encoder.backward(encoderTrace, seedHiddens: g.initialHiddens,
                                         seedCells: cell.hasCellState ? g.initialCells : nil, includeLoss: false)
                g.encoderStorage = [e]
            } else {
                g.encoderStorage = []
            }
        }
        guard layout.isSingleLayer else {
            backwardNetwork(trace, seedHiddens: seedHidden.map { [$0] }, seedCells: seedCell.map { [$0] }, includeLoss: includeLoss, into: &g)
            addEmbeddingGradient(trace, into: &g)
            return
        }
        g.layerGradients = []
        let embeds = layout.embeddingRows != nil && trace.tokens != nil
        let inputGradients = inputGradients || embeds
        let T = trace.steps, H = hiddenSize, I = inputSize, P = layout.count
        let hasCell = cell.hasCellState
        g.steps = T
        func zeroed(_ a: inout [Double], _ n: Int) {
            if a.count != n { a = [Double](repeating: 0, count: n) } else { for k in 0..<n { a[k] = 0 } }
        }
        zeroed(&g.parameters, P)
        zeroed(&g.hidden, T * H)
        zeroed(&g.cell, hasCell ? T * H : 0)
        zeroed(&g.inputs, inputGradients ? T * I : 0)
        if let outsideHidden { precondition(outsideHidden.count == T * H, "outsideHidden needs T × H values") }
        if recordStepShares {
            var shares = g.stepShares ?? []
            zeroed(&shares, T * P)
            g.stepShares = shares
        } else {
            g.stepShares = nil
        }
        var shares = g.stepShares ?? []
        // Scratch: dhNext (H), dcNext (H), dcPrev (H), dh (H), spare (H), dIH (GH), dHH (GH), dlogits (O).
        var scratch = [Double](repeating: 0, count: 5 * H + 2 * layout.gateRows + outputSize)
        let options = BackwardOptions(recordStepShares: recordStepShares, seedHidden: seedHidden, seedCell: seedCell,
                                      outsideHidden: outsideHidden, inputGradients: inputGradients, includeLoss: includeLoss)
        cell.runBackward(self, trace, options, into: &g, shares: &shares, scratch: &scratch)
        if recordStepShares { g.stepShares = shares }
        // What reached h₀ and c₀: the gradient left in dhNext and dcNext after step 1.
        g.initialHidden = Array(scratch[0..<H])
        g.initialCell = hasCell ? Array(scratch[H..<(2 * H)]) : [Double](repeating: 0, count: H)
        if embeds { addEmbeddingGradient(trace, into: &g) }
    }

    /// A network's backward pass from gradients at the final states of every (layer, direction)
    /// (PyTorch's order), with or without the read-out's loss.
    public func backward(_ trace: Trace, seedHiddens: [[Double]]?, seedCells: [[Double]]? = nil, includeLoss: Bool = true) -> Gradients {
        var g = Gradients(layout: layout)
        if layout.isSingleLayer {
            backward(trace, seedHidden: seedHiddens?.first, seedCell: seedCells?.first, inputGradients: true,
                     includeLoss: includeLoss, into: &g)
        } else {
            backwardNetwork(trace, seedHiddens: seedHiddens, seedCells: seedCells, includeLoss: includeLoss, into: &g)
            addEmbeddingGradient(trace, into: &g)
        }
        return g
    }

    /// ∂L/∂embedding.weight: row k gathers ∂L/∂x_t of every step whose token is k (a fed-back step has
    /// no token: its input is data).
    func addEmbeddingGradient(_ trace: Trace, into g: inout Gradients) {
        guard layout.embeddingRows != nil, let tokens = trace.tokens, g.inputs.count == trace.steps * inputSize else { return }
        let I = inputSize, base = layout.embedding, P = layout.count
        for (s, tok) in tokens.enumerated() {
            guard let tok, tok >= 0, tok < tokenCount else { continue }
            for j in 0..<I {
                let d = g.inputs[s * I + j]
                g.parameters[base + tok * I + j] += d
                if g.stepShares != nil { g.stepShares?[s * P + base + tok * I + j] += d }
            }
        }
    }

    /// The step loop, specialised for each cell: the read-out, the cell's step, the shared outer products.
    func backwardSteps<Cell: RecurrentCell>(_ cell: Cell, _ trace: Trace, _ options: BackwardOptions, into g: inout Gradients,
                                            shares: inout [Double], scratch: inout [Double]) {
        let recordStepShares = options.recordStepShares, seedHidden = options.seedHidden, seedCell = options.seedCell
        let outsideHidden = options.outsideHidden, inputGradients = options.inputGradients, includeLoss = options.includeLoss
        let T = trace.steps, H = hiddenSize, GH = layout.gateRows, I = inputSize, O = outputSize, P = layout.count
        let L = layout, nonlinearity = self.nonlinearity, hasClamps = trace.hasClamps
        let hasCell = cell.hasCellState, CH = cell.cacheBlocks * H
        // W_ih's and W_hh's gradients are the sums of one outer product per step. Without step shares
        // they are taken `OuterProductBlock.steps` steps at a time (the cell writes its dIH and dHH
        // straight into the block), so at large H each gradient matrix is read and written once per
        // block instead of once per step; the sum over steps keeps its order.
        var block = OuterProductBlock(steps: recordStepShares ? 0 : T, gateRows: GH, hiddenSize: H, inputSize: I)
        parameters.withUnsafeBufferPointer { pBuf in
        g.inputs.withUnsafeMutableBufferPointer { dxBuf in
        g.parameters.withUnsafeMutableBufferPointer { gBuf in
        g.hidden.withUnsafeMutableBufferPointer { dHBuf in
        g.cell.withUnsafeMutableBufferPointer { dCBuf in
        shares.withUnsafeMutableBufferPointer { shBuf in
        scratch.withUnsafeMutableBufferPointer { scBuf in
        trace.inputs.withUnsafeBufferPointer { xBuf in
        trace.gateValues.withUnsafeBufferPointer { gvBuf in
        trace.clampedMask.withUnsafeBufferPointer { maskBuf in
        trace.hiddenStates.withUnsafeBufferPointer { hBuf in
        trace.initialHidden.withUnsafeBufferPointer { h0Buf in
        trace.initialCell.withUnsafeBufferPointer { c0Buf in
        trace.cellStates.withUnsafeBufferPointer { cBuf in
        trace.stepCache.withUnsafeBufferPointer { cacheBuf in
        trace.probabilities.withUnsafeBufferPointer { prBuf in
        trace.logits.withUnsafeBufferPointer { lgBuf in
        trace.targetValues.withUnsafeBufferPointer { tvBuf in
        trace.targetIndices.withUnsafeBufferPointer { tgtBuf in
        block.storage.withUnsafeMutableBufferPointer { blockBuf in
            guard let p = pBuf.baseAddress, let grad = gBuf.baseAddress, let sc = scBuf.baseAddress,
                  let h0 = h0Buf.baseAddress, let c0 = c0Buf.baseAddress, let hBase = hBuf.baseAddress,
                  let gvBase = gvBuf.baseAddress, let tgt = tgtBuf.baseAddress, let prBase = prBuf.baseAddress,
                  let dHBase = dHBuf.baseAddress, let lgBase = lgBuf.baseAddress
            else { return }
            let regression = trace.isRegression
            let dhNext = sc, dcNext = sc + H, dcPrev = sc + 2 * H, dh = sc + 3 * H, spare = sc + 4 * H
            let dIH = sc + 5 * H, dHH = sc + 5 * H + GH, dlogits = sc + 5 * H + 2 * GH
            let cBase: UnsafePointer<Double> = hasCell ? (cBuf.baseAddress ?? UnsafePointer(spare)) : UnsafePointer(spare)
            let cacheBase: UnsafePointer<Double> = cacheBuf.baseAddress ?? UnsafePointer(spare)
            let dcTotalBase: UnsafeMutablePointer<Double> = hasCell ? (dCBuf.baseAddress ?? spare) : spare
            let whh = p + L.weightHH, wih = p + L.weightIH
            // (An empty array's base address need not be nil: the capacity decides.)
            let K = block.capacity, bIH = K > 0 ? blockBuf.baseAddress : nil, bHH = bIH.map { $0 + K * GH }
            let bH = bIH.map { $0 + 2 * K * GH }, bX = bIH.map { $0 + K * (2 * GH + H) }
            // The final-state seeds arrive as if from a step T+1 (and pass straight to h₀ when T = 0).
            if let seedHidden { for u in 0..<H { dhNext[u] = seedHidden[u] } }
            if hasCell, let seedCell { for u in 0..<H { dcNext[u] = seedCell[u] } }
            for s in stride(from: T - 1, through: 0, by: -1) {
                let acc: UnsafeMutablePointer<Double> = recordStepShares ? (shBuf.baseAddress.map { $0 + s * P } ?? grad) : grad
                let h = hBase + s * H
                let hPrev: UnsafePointer<Double> = s == 0 ? h0 : hBase + (s - 1) * H
                let x: UnsafePointer<Double> = xBuf.baseAddress.map { $0 + s * I } ?? UnsafePointer(spare)
                // dh = ∂L/∂h_t from later steps (or the seed) + from the read-out at t + from outside the layer.
                for u in 0..<H { dh[u] = dhNext[u] }
                if let outsideHidden { for u in 0..<H { dh[u] += outsideHidden[s * H + u] } }
                let target = tgt[s]
                if includeLoss && target >= 0 {
                    ReadOut.seed(L, logits: lgBase + s * O, probs: prBase + s * O, target: target,
                                 targetValues: regression ? tvBuf.baseAddress.map { $0 + s * O } : nil,
                                 regression: regression, into: dlogits)
                    if L.hasHead {
                        let hw = p + L.headWeight
                        Kernels.addOuter(dlogits, h, acc + L.headWeight, rows: O, cols: H)
                        for k in 0..<O { acc[L.headBias + k] += dlogits[k] }
                        Kernels.addMatTVec(hw, dlogits, dh, rows: O, cols: H)
                    } else {
                        for k in 0..<O { dh[k] += dlogits[k] }
                    }
                }
                for u in 0..<H { dHBase[s * H + u] = dh[u] }
                let slot = K > 0 ? (T - 1 - s) % K : 0
                let stepIH = bIH.map { $0 + slot * GH } ?? dIH, stepHH = bHH.map { $0 + slot * GH } ?? dHH
                // The cell's step → gradients at the input-side (dIH) and hidden-side (dHH) sums.
                cell.backward(CellBackwardStep(
                    hiddenSize: H, dh: dh, dcNext: dcNext, gates: gvBase + s * GH,
                    clamped: hasClamps ? maskBuf.baseAddress.map { $0 + s * GH } : nil,
                    hPrev: hPrev, h: h,
                    cPrev: hasCell && s > 0 ? cBase + (s - 1) * H : c0, c: hasCell ? cBase + s * H : cBase,
                    cache: CH > 0 ? cacheBase + s * CH : cacheBase, extra: p + L.cellExtra,
                    dIH: stepIH, dHH: stepHH, dhPrev: dhNext, dcPrev: dcPrev,
                    dcTotal: hasCell ? dcTotalBase + s * H : spare, dExtra: acc + L.cellExtra, nonlinearity: nonlinearity))
                if hasCell { for u in 0..<H { dcNext[u] = dcPrev[u] } }
                if inputGradients, let dx = dxBuf.baseAddress { Kernels.addMatTVec(wih, stepIH, dx + s * I, rows: GH, cols: I) }
                if let bIH, let bHH, let bH, let bX {
                    for j in 0..<I { bX[slot * I + j] = x[j] }
                    for j in 0..<H { bH[slot * H + j] = hPrev[j] }
                    if slot == K - 1 || s == 0 {
                        Kernels.addOuterBlock(bIH, dStride: GH, bX, xStride: I, acc + L.weightIH, rows: GH, cols: I, count: slot + 1)
                        Kernels.addOuterBlock(bHH, dStride: GH, bH, xStride: H, acc + L.weightHH, rows: GH, cols: H, count: slot + 1)
                    }
                } else {
                    Kernels.addOuter(stepIH, x, acc + L.weightIH, rows: GH, cols: I)
                    Kernels.addOuter(stepHH, hPrev, acc + L.weightHH, rows: GH, cols: H)
                }
                for r in 0..<GH {
                    acc[L.biasIH + r] += stepIH[r]
                    acc[L.biasHH + r] += stepHH[r]
                }
                // Zig-zag through a large W_hh, starting where the step before (or the forward pass) ended.
                Kernels.addMatTVec(whh, stepHH, dhNext, rows: GH, cols: H, reversed: s % 2 == 0)
            }
            if recordStepShares, let sh = shBuf.baseAddress {
                for s in 0..<T {
                    let row = sh + s * P
                    for k in 0..<P { grad[k] += row[k] }
                }
            }
        }}}}}}}}}}}}}}}}}}}}
    }
}

/// What a backward pass was asked for, handed to the cell with the storage so the step loop runs
/// specialised for it.
public struct BackwardOptions {
    let recordStepShares: Bool
    let seedHidden: [Double]?
    let seedCell: [Double]?
    let outsideHidden: [Double]?
    let inputGradients: Bool
    let includeLoss: Bool
}
