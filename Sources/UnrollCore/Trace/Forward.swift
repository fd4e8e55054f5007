extension RecurrentModel {
    /// Runs the model over a sequence and records everything in a new `Trace`.
    ///
    /// - Parameters:
    ///   - input: T input vectors (one-hot tokens, raw vectors, or tokens looked up in the embedding).
    ///   - targets: T target classes, nil at steps without a target (no loss there); nil for none.
    ///   - targetVectors: a regression's T targets of O numbers, nil at steps without one.
    ///   - clamps: gates held at constants after activation (in every layer and direction).
    ///   - initialHidden: h₀ (zeros when nil); `initialCell`: c₀ for a cell with a cell state.
    /// - Complexity: O(T · G·H · (I + H) + T · O · H) per layer and direction.
    public func forward(_ input: SequenceInput, targets: [Int?]? = nil, targetVectors: [[Double]?]? = nil, clamps: [Clamp] = [],
                        initialHidden: [Double]? = nil, initialCell: [Double]? = nil) -> Trace {
        var trace = Trace(layout: layout, nonlinearity: nonlinearity)
        forward(input, targets: targets, targetVectors: targetVectors, clamps: clamps, initialHidden: initialHidden,
                initialCell: initialCell, into: &trace)
        return trace
    }

    /// Runs the network from given initial states of every (layer, direction), PyTorch's order (index
    /// l·D + d; a reverse direction's h₀ is its state before step T); zeros where nil.
    public func forward(_ input: SequenceInput, targets: [Int?]? = nil, targetVectors: [[Double]?]? = nil, clamps: [Clamp] = [],
                        initialHiddens: [[Double]]?, initialCells: [[Double]]? = nil) -> Trace {
        var trace = Trace(layout: layout, nonlinearity: nonlinearity)
        if layout.isSingleLayer {
            forward(input, targets: targets, targetVectors: targetVectors, clamps: clamps, initialHidden: initialHiddens?.first,
                    initialCell: cell.hasCellState ? initialCells?.first : nil, into: &trace)
        } else {
            forwardNetwork(embedded(input), targets: targets, targetVectors: targetVectors, clamps: clamps,
                           initialHiddens: initialHiddens, initialCells: initialCells, into: &trace)
        }
        return trace
    }

    /// Runs the model into an existing trace, reusing its storage (no allocation once sized).
    public func forward(_ input: SequenceInput, targets: [Int?]? = nil, targetVectors: [[Double]?]? = nil, clamps: [Clamp] = [],
                        initialHidden: [Double]? = nil, initialCell: [Double]? = nil, into trace: inout Trace) {
        precondition(input.inputSize == inputSize, "input size \(input.inputSize), model expects \(inputSize)")
        precondition(trace.layout == layout, "trace made for another model shape")
        guard layout.isSingleLayer else {
            forwardNetwork(embedded(input), targets: targets, targetVectors: targetVectors, clamps: clamps,
                           initialHiddens: initialHidden.map { [$0] }, initialCells: initialCell.map { [$0] }, into: &trace)
            return
        }
        let T = input.count
        trace.isRegression = outputKind == .regression
        trace.resize(steps: T)
        trace.tokens = input.tokens
        trace.clamps = clamps
        let H = hiddenSize, GH = layout.gateRows, I = inputSize
        for k in 0..<H {
            trace.initialHidden[k] = initialHidden?[k] ?? 0
            trace.initialCell[k] = initialCell?[k] ?? 0
        }
        for k in 0..<(T * I) { trace.inputs[k] = input.values[k] }
        if layout.embeddingRows != nil, let tokens = input.tokens { embed(tokens, into: &trace.inputs) }
        trace.setTargets(targets, vectors: targetVectors)

        // The clamp plan: per step and gate row, whether and to what the gate is held.
        var clampValues: [Double] = []
        for k in 0..<(T * GH) { trace.clampedMask[k] = false }
        if !clamps.isEmpty {
            clampValues = [Double](repeating: 0, count: T * GH)
            for clamp in clamps {
                guard let block = cell.block(of: clamp.gate) else { continue }
                for s in 0..<T where clamp.applies(atStep: s + 1) {
                    for u in 0..<H where clamp.applies(toUnit: u) {
                        trace.clampedMask[s * GH + block * H + u] = true
                        clampValues[s * GH + block * H + u] = clamp.value
                    }
                }
            }
        }
        cell.runForward(self, clampValues: clampValues, into: &trace)
    }

    /// The input with every token step's vector replaced by its `embedding.weight` row (unchanged
    /// without an embedding or tokens).
    public func embedded(_ input: SequenceInput) -> SequenceInput {
        guard layout.embeddingRows != nil, let tokens = input.tokens else { return input }
        var out = input
        embed(tokens, into: &out.values)
        return out
    }

    /// Writes row k of `embedding.weight` at every step whose token is k (other steps keep their values).
    func embed(_ tokens: [Int?], into values: inout [Double]) {
        let I = inputSize, base = layout.embedding, V = tokenCount
        for (s, tok) in tokens.enumerated() {
            guard let tok, tok >= 0, tok < V else { continue }
            for j in 0..<I { values[s * I + j] = parameters[base + tok * I + j] }
        }
    }

    /// The step loop, specialised for each cell: the shared products, the cell's step, the read-out.
    func forwardSteps<Cell: RecurrentCell>(_ cell: Cell, clampValues: [Double], into trace: inout Trace) {
        let T = trace.steps, H = hiddenSize, GH = layout.gateRows, I = inputSize, O = outputSize
        let CH = cell.cacheBlocks * H, hasCell = cell.hasCellState
        // Scratch: ih (GH), hh (GH), and H values standing in for state a cell does not have.
        var scratch = [Double](repeating: 0, count: 2 * GH + H)
        let nonlinearity = self.nonlinearity, regression = trace.isRegression
        let L = layout
        let hasClamps = !clampValues.isEmpty

        parameters.withUnsafeBufferPointer { pBuf in
        trace.inputs.withUnsafeBufferPointer { xBuf in
        trace.preActivations.withUnsafeMutableBufferPointer { preBuf in
        trace.gateValues.withUnsafeMutableBufferPointer { gBuf in
        trace.clampedMask.withUnsafeBufferPointer { maskBuf in
        clampValues.withUnsafeBufferPointer { cvBuf in
        trace.hiddenStates.withUnsafeMutableBufferPointer { hBuf in
        trace.initialHidden.withUnsafeBufferPointer { h0Buf in
        trace.initialCell.withUnsafeBufferPointer { c0Buf in
        trace.cellStates.withUnsafeMutableBufferPointer { cBuf in
        trace.stepCache.withUnsafeMutableBufferPointer { cacheBuf in
        trace.logits.withUnsafeMutableBufferPointer { lBuf in
        trace.probabilities.withUnsafeMutableBufferPointer { prBuf in
        trace.stepLosses.withUnsafeMutableBufferPointer { lossBuf in
        trace.targetIndices.withUnsafeBufferPointer { tgtBuf in
        trace.targetValues.withUnsafeBufferPointer { tvBuf in
        scratch.withUnsafeMutableBufferPointer { scBuf in
            guard let p = pBuf.baseAddress, let h0 = h0Buf.baseAddress, let c0 = c0Buf.baseAddress,
                  let sc = scBuf.baseAddress, let preBase = preBuf.baseAddress, let gBase = gBuf.baseAddress,
                  let hBase = hBuf.baseAddress, let lBase = lBuf.baseAddress, let prBase = prBuf.baseAddress,
                  let lossBase = lossBuf.baseAddress, let tgt = tgtBuf.baseAddress else { return }
            let ih = sc, hh = sc + GH, none = sc + 2 * GH
            let cBase = hasCell ? (cBuf.baseAddress ?? none) : none
            let cacheBase = cacheBuf.baseAddress ?? none
            let wih = p + L.weightIH, whh = p + L.weightHH, bih = p + L.biasIH, bhh = p + L.biasHH
            for s in 0..<T {
                let x: UnsafePointer<Double> = xBuf.baseAddress.map { $0 + s * I } ?? UnsafePointer(none)
                let h = hBase + s * H
                let hPrev: UnsafePointer<Double> = s == 0 ? h0 : UnsafePointer(hBase + (s - 1) * H)
                // ih = W_ih x + b_ih; hh = W_hh h_{t-1} + b_hh.
                for r in 0..<GH { ih[r] = bih[r]; hh[r] = bhh[r] }
                Kernels.addMatVec(wih, x, ih, rows: GH, cols: I)
                Kernels.addMatVec(whh, hPrev, hh, rows: GH, cols: H, reversed: s % 2 == 1)  // zig-zag: see Kernels.zigzagBytes
                cell.forward(CellForwardStep(
                    hiddenSize: H, ih: ih, hh: hh, pre: preBase + s * GH, gates: gBase + s * GH,
                    clampValue: hasClamps ? cvBuf.baseAddress.map { $0 + s * GH } : nil,
                    clamped: hasClamps ? maskBuf.baseAddress.map { $0 + s * GH } : nil,
                    hPrev: hPrev, h: h,
                    cPrev: hasCell && s > 0 ? UnsafePointer(cBase + (s - 1) * H) : c0,
                    c: hasCell ? cBase + s * H : none, cache: CH > 0 ? cacheBase + s * CH : none,
                    extra: p + L.cellExtra, nonlinearity: nonlinearity))
                // Read-out and loss.
                lossBase[s] = ReadOut.forward(p, L, feature: h, logits: lBase + s * O, probs: prBase + s * O, target: tgt[s],
                                              targetValues: regression ? tvBuf.baseAddress.map { $0 + s * O } : nil,
                                              regression: regression)
            }
        }}}}}}}}}}}}}}}}}
    }
}
