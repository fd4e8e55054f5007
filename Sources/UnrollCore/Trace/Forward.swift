extension RecurrentModel {
    /// Runs the model over a sequence and records everything in a new `Trace`.
    ///
    /// - Parameters:
    ///   - input: T input vectors (one-hot tokens or raw vectors).
    ///   - targets: T target classes, nil at steps without a target (no loss there); nil for none.
    ///   - clamps: gates held at constants after activation.
    ///   - initialHidden: h₀ (zeros when nil); `initialCell`: c₀ for the LSTM.
    /// - Complexity: O(T · G·H · (I + H) + T · O · H).
    public func forward(_ input: SequenceInput, targets: [Int?]? = nil, clamps: [Clamp] = [],
                        initialHidden: [Double]? = nil, initialCell: [Double]? = nil) -> Trace {
        var trace = Trace(layout: layout, nonlinearity: nonlinearity)
        forward(input, targets: targets, clamps: clamps, initialHidden: initialHidden, initialCell: initialCell, into: &trace)
        return trace
    }

    /// Runs the model into an existing trace, reusing its storage (no allocation once sized).
    public func forward(_ input: SequenceInput, targets: [Int?]? = nil, clamps: [Clamp] = [],
                        initialHidden: [Double]? = nil, initialCell: [Double]? = nil, into trace: inout Trace) {
        precondition(input.inputSize == inputSize, "input size \(input.inputSize), model expects \(inputSize)")
        precondition(trace.layout == layout, "trace made for another model shape")
        let T = input.count
        trace.resize(steps: T)
        trace.tokens = input.tokens
        trace.clamps = clamps
        let H = hiddenSize, GH = layout.gateRows, I = inputSize, O = outputSize
        for k in 0..<H {
            trace.initialHidden[k] = initialHidden?[k] ?? 0
            trace.initialCell[k] = initialCell?[k] ?? 0
        }
        for k in 0..<(T * I) { trace.inputs[k] = input.values[k] }
        for s in 0..<T { trace.targetIndices[s] = targets?[s] ?? -1 }

        // The clamp plan: per step and gate row, whether and to what the gate is held.
        var clampValues: [Double] = []
        if !clamps.isEmpty {
            clampValues = [Double](repeating: 0, count: T * GH)
            for k in 0..<(T * GH) { trace.clampedMask[k] = false }
            for clamp in clamps {
                guard let block = clamp.gate.block(in: kind) else { continue }
                for s in 0..<T where clamp.applies(atStep: s + 1) {
                    for u in 0..<H where clamp.applies(toUnit: u) {
                        trace.clampedMask[s * GH + block * H + u] = true
                        clampValues[s * GH + block * H + u] = clamp.value
                    }
                }
            }
        } else {
            for k in 0..<(T * GH) { trace.clampedMask[k] = false }
        }

        var ihScratch = [Double](repeating: 0, count: GH)
        var hhScratch = [Double](repeating: 0, count: GH)
        let kind = self.kind, nonlinearity = self.nonlinearity, hasHead = layout.hasHead
        let L = layout
        let hasClamps = !clamps.isEmpty

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
        trace.cellTanh.withUnsafeMutableBufferPointer { tcBuf in
        trace.hiddenCandidate.withUnsafeMutableBufferPointer { hnBuf in
        trace.logits.withUnsafeMutableBufferPointer { lBuf in
        trace.probabilities.withUnsafeMutableBufferPointer { prBuf in
        trace.stepLosses.withUnsafeMutableBufferPointer { lossBuf in
        trace.targetIndices.withUnsafeBufferPointer { tgtBuf in
        ihScratch.withUnsafeMutableBufferPointer { ihBuf in
        hhScratch.withUnsafeMutableBufferPointer { hhBuf in
            guard let p = pBuf.baseAddress, let h0 = h0Buf.baseAddress, let ih = ihBuf.baseAddress,
                  let hh = hhBuf.baseAddress else { return }
            let wih = p + L.weightIH, whh = p + L.weightHH, bih = p + L.biasIH, bhh = p + L.biasHH
            for s in 0..<T {
                guard let x = xBuf.baseAddress.map({ $0 + s * I }) ?? (I == 0 ? UnsafePointer(ih) : nil),
                      let preBase = preBuf.baseAddress, let gBase = gBuf.baseAddress, let hBase = hBuf.baseAddress
                else { return }
                let pre = preBase + s * GH, gates = gBase + s * GH, h = hBase + s * H
                let hPrev: UnsafePointer<Double> = s == 0 ? h0 : UnsafePointer(hBase + (s - 1) * H)
                let cv: UnsafePointer<Double>? = hasClamps ? cvBuf.baseAddress.map { $0 + s * GH } : nil
                let cm: UnsafePointer<Bool>? = hasClamps ? maskBuf.baseAddress.map { $0 + s * GH } : nil
                // ih = W_ih x + b_ih; hh = W_hh h_{t-1} + b_hh.
                for r in 0..<GH { ih[r] = bih[r]; hh[r] = bhh[r] }
                Kernels.addMatVec(wih, x, ih, rows: GH, cols: I)
                Kernels.addMatVec(whh, hPrev, hh, rows: GH, cols: H)
                switch kind {
                case .rnn:
                    for r in 0..<GH { pre[r] = ih[r] + hh[r] }
                    ElmanCell.forward(pre: pre, gates: gates, h: h, hiddenSize: H, nonlinearity: nonlinearity)
                case .lstm:
                    guard let c0 = c0Buf.baseAddress, let cBase = cBuf.baseAddress, let tcBase = tcBuf.baseAddress else { return }
                    for r in 0..<GH { pre[r] = ih[r] + hh[r] }
                    let cPrev: UnsafePointer<Double> = s == 0 ? c0 : UnsafePointer(cBase + (s - 1) * H)
                    LSTMCell.forward(pre: pre, gates: gates, clampValue: cv, clamped: cm, cPrev: cPrev,
                                     c: cBase + s * H, tanhC: tcBase + s * H, h: h, hiddenSize: H)
                case .gru:
                    guard let hnBase = hnBuf.baseAddress else { return }
                    GRUCell.forward(ih: ih, hh: hh, pre: pre, gates: gates, clampValue: cv, clamped: cm,
                                    hn: hnBase + s * H, hPrev: hPrev, h: h, hiddenSize: H)
                }
                // Read-out, softmax and loss.
                guard let lBase = lBuf.baseAddress, let prBase = prBuf.baseAddress, let lossBase = lossBuf.baseAddress,
                      let tgt = tgtBuf.baseAddress else { return }
                let logit = lBase + s * O
                if hasHead {
                    let hw = p + L.headWeight, hb = p + L.headBias
                    for k in 0..<O { logit[k] = hb[k] }
                    Kernels.addMatVec(hw, h, logit, rows: O, cols: H)
                } else {
                    for k in 0..<O { logit[k] = h[k] }
                }
                let logZ = softmax(logit, prBase + s * O, O)
                let target = tgt[s]
                lossBase[s] = target >= 0 ? logZ - logit[target] : 0
            }
        }}}}}}}}}}}}}}}}}}
    }
}
