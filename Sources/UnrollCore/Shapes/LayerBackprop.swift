/// The gradients of one recurrent layer whose hidden states are read by something outside it: a layer
/// above it in a stack, a shared read-out over both directions, or a decoder that starts from its last state.
///
/// Besides ∂L/∂θ and the totals ∂L/∂h_t (as `Gradients` has them) it carries what the outside needs
/// back: ∂L/∂x_t for the layer below, and ∂L/∂h₀, ∂L/∂c₀ for whatever set the initial state.
/// Steps are the layer's own (a reverse direction's step s is time T+1−s).
public struct LayerGradients: Sendable {
    public let layout: ParameterLayout
    /// ∂L/∂θ in `layout` order (a head in the layout, if any, only gets gradient with `includeLoss`).
    public internal(set) var parameters: [Double]
    /// T × H: ∂L/∂h_t in total.
    public internal(set) var hidden: [Double]
    /// T × H: ∂L/∂c_t in total (LSTM only, else empty).
    public internal(set) var cell: [Double]
    /// T × I: ∂L/∂x_t.
    public internal(set) var inputs: [Double]
    /// H: ∂L/∂h₀.
    public internal(set) var initialHidden: [Double]
    /// H: ∂L/∂c₀ (zeros unless LSTM).
    public internal(set) var initialCell: [Double]
    public let steps: Int

    /// ∂L/∂h_t (1-based t in the layer's own order).
    public func hidden(at t: Int) -> [Double] { slice(hidden, t, layout.hiddenSize) }
    /// ∂L/∂c_t (1-based), LSTM only.
    public func cell(at t: Int) -> [Double]? { layout.kind == .lstm ? slice(cell, t, layout.hiddenSize) : nil }
    /// ∂L/∂x_t (1-based).
    public func input(at t: Int) -> [Double] { slice(inputs, t, layout.inputSize) }

    private func slice(_ a: [Double], _ t: Int, _ n: Int) -> [Double] { Array(a[((t - 1) * n)..<(t * n)]) }
}

extension RecurrentModel {
    /// Backpropagation through time for a layer inside a larger network.
    ///
    /// The same cell kernels as `backward(_:)`, with three additions: gradients arriving at every h_t
    /// from outside the layer (`outsideHidden`, T × H, in the trace's step order), gradients arriving at
    /// the final state (`finalHidden`, `finalCell`: an encoder whose last state starts a decoder), and the
    /// outputs ∂L/∂x_t, ∂L/∂h₀, ∂L/∂c₀. With `includeLoss` the layer's own read-out loss on the trace's
    /// targets is added, so `backpropagate(trace, includeLoss: true)` equals `backward(trace)`.
    /// Clamped gates pass no gradient, as in `backward`.
    /// - Complexity: O(T · G·H · (I + H) + T · O · H).
    public func backpropagate(_ trace: Trace, outsideHidden: [Double]? = nil, finalHidden: [Double]? = nil,
                              finalCell: [Double]? = nil, includeLoss: Bool = false) -> LayerGradients {
        precondition(trace.layout == layout, "trace made for another model shape")
        let T = trace.steps, H = hiddenSize, GH = layout.gateRows, I = inputSize, O = outputSize
        let L = layout, kind = self.kind, nonlinearity = self.nonlinearity, hasClamps = trace.hasClamps
        if let outsideHidden { precondition(outsideHidden.count == T * H, "outsideHidden needs T × H values") }
        if let finalHidden { precondition(finalHidden.count == H, "finalHidden needs H values") }
        if let finalCell { precondition(finalCell.count == H, "finalCell needs H values") }

        var grad = [Double](repeating: 0, count: L.count)
        var dHidden = [Double](repeating: 0, count: T * H)
        var dCell = [Double](repeating: 0, count: kind == .lstm ? T * H : 0)
        var dInputs = [Double](repeating: 0, count: T * I)
        // dhNext: ∂L/∂h_t arriving from step t+1; dcNext likewise for c. Before the last step: the final seeds.
        var dhNext = finalHidden ?? [Double](repeating: 0, count: H)
        var dcNext = kind == .lstm ? (finalCell ?? [Double](repeating: 0, count: H)) : [Double](repeating: 0, count: H)
        var dcPrev = [Double](repeating: 0, count: H), dh = [Double](repeating: 0, count: H)
        var dIH = [Double](repeating: 0, count: GH), dHH = [Double](repeating: 0, count: GH)
        var dlogits = [Double](repeating: 0, count: max(O, 1))
        let outside = outsideHidden ?? []

        parameters.withUnsafeBufferPointer { pBuf in
        trace.inputs.withUnsafeBufferPointer { xBuf in
        trace.gateValues.withUnsafeBufferPointer { gvBuf in
        trace.clampedMask.withUnsafeBufferPointer { maskBuf in
        trace.hiddenStates.withUnsafeBufferPointer { hBuf in
        trace.initialHidden.withUnsafeBufferPointer { h0Buf in
        trace.initialCell.withUnsafeBufferPointer { c0Buf in
        trace.cellStates.withUnsafeBufferPointer { cBuf in
        trace.cellTanh.withUnsafeBufferPointer { tcBuf in
        trace.hiddenCandidate.withUnsafeBufferPointer { hnBuf in
        grad.withUnsafeMutableBufferPointer { gBuf in
        dHidden.withUnsafeMutableBufferPointer { dHBuf in
        dCell.withUnsafeMutableBufferPointer { dCBuf in
        dInputs.withUnsafeMutableBufferPointer { dXBuf in
        dhNext.withUnsafeMutableBufferPointer { dhNextBuf in
        dcNext.withUnsafeMutableBufferPointer { dcNextBuf in
        dcPrev.withUnsafeMutableBufferPointer { dcPrevBuf in
        dh.withUnsafeMutableBufferPointer { dhBuf in
        dIH.withUnsafeMutableBufferPointer { dIHBuf in
        dHH.withUnsafeMutableBufferPointer { dHHBuf in
        dlogits.withUnsafeMutableBufferPointer { dlBuf in
            guard T > 0, let p = pBuf.baseAddress, let acc = gBuf.baseAddress, let h0 = h0Buf.baseAddress,
                  let hBase = hBuf.baseAddress, let gvBase = gvBuf.baseAddress, let dHBase = dHBuf.baseAddress,
                  let dhNext = dhNextBuf.baseAddress, let dcNext = dcNextBuf.baseAddress, let dcPrev = dcPrevBuf.baseAddress,
                  let dh = dhBuf.baseAddress, let dIH = dIHBuf.baseAddress, let dHH = dHHBuf.baseAddress,
                  let dlogits = dlBuf.baseAddress
            else { return }
            let wih = p + L.weightIH, whh = p + L.weightHH
            for s in stride(from: T - 1, through: 0, by: -1) {
                let h = hBase + s * H
                let hPrev: UnsafePointer<Double> = s == 0 ? h0 : hBase + (s - 1) * H
                // dh = from step t+1 + from outside the layer + (optionally) from the layer's own read-out.
                for u in 0..<H { dh[u] = dhNext[u] + (outside.isEmpty ? 0 : outside[s * H + u]) }
                let target = trace.targetIndices[s]
                if includeLoss && target >= 0 {
                    for k in 0..<O { dlogits[k] = trace.probabilities[s * O + k] }
                    dlogits[target] -= 1
                    if L.hasHead {
                        Kernels.addOuter(dlogits, h, acc + L.headWeight, rows: O, cols: H)
                        for k in 0..<O { acc[L.headBias + k] += dlogits[k] }
                        Kernels.addMatTVec(p + L.headWeight, dlogits, dh, rows: O, cols: H)
                    } else {
                        for k in 0..<O { dh[k] += dlogits[k] }
                    }
                }
                for u in 0..<H { dHBase[s * H + u] = dh[u] }
                let gates = gvBase + s * GH
                let cm: UnsafePointer<Bool>? = hasClamps ? maskBuf.baseAddress.map { $0 + s * GH } : nil
                switch kind {
                case .rnn:
                    ElmanCell.backward(dh: dh, h: h, dpre: dIH, hiddenSize: H, nonlinearity: nonlinearity)
                    for r in 0..<GH { dHH[r] = dIH[r] }
                    for u in 0..<H { dhNext[u] = 0 }
                case .lstm:
                    guard let c0 = c0Buf.baseAddress, let cBase = cBuf.baseAddress, let tcBase = tcBuf.baseAddress,
                          let dCBase = dCBuf.baseAddress else { return }
                    let cPrev: UnsafePointer<Double> = s == 0 ? c0 : cBase + (s - 1) * H
                    LSTMCell.backward(dh: dh, dcNext: dcNext, gates: gates, clamped: cm, cPrev: cPrev, tanhC: tcBase + s * H,
                                      dcTotal: dCBase + s * H, dpre: dIH, dcPrev: dcPrev, hiddenSize: H)
                    for r in 0..<GH { dHH[r] = dIH[r] }
                    for u in 0..<H { dcNext[u] = dcPrev[u]; dhNext[u] = 0 }
                case .gru:
                    guard let hnBase = hnBuf.baseAddress else { return }
                    GRUCell.backward(dh: dh, gates: gates, clamped: cm, hn: hnBase + s * H, hPrev: hPrev,
                                     dIH: dIH, dHH: dHH, dhPrev: dhNext, hiddenSize: H)
                }
                if I > 0, let xBase = xBuf.baseAddress, let dXBase = dXBuf.baseAddress {
                    Kernels.addOuter(dIH, xBase + s * I, acc + L.weightIH, rows: GH, cols: I)
                    // ∂L/∂x_t = W_ihᵀ · (the gradient at the input-side pre-activations).
                    Kernels.addMatTVec(wih, dIH, dXBase + s * I, rows: GH, cols: I)
                }
                Kernels.addOuter(dHH, hPrev, acc + L.weightHH, rows: GH, cols: H)
                for r in 0..<GH {
                    acc[L.biasIH + r] += dIH[r]
                    acc[L.biasHH + r] += dHH[r]
                }
                Kernels.addMatTVec(whh, dHH, dhNext, rows: GH, cols: H)
            }
        }}}}}}}}}}}}}}}}}}}}}
        return LayerGradients(layout: layout, parameters: grad, hidden: dHidden, cell: dCell, inputs: dInputs,
                              initialHidden: dhNext, initialCell: kind == .lstm ? dcNext : [Double](repeating: 0, count: H),
                              steps: T)
    }
}
