/// The backward pass with a batch of seeds: R gradient rows carried from the final state back to h₀
/// through one loop, each row through the cell's own backward step and all of them through W_hhᵀ at once
/// (W_hh's rows read once for four gradient rows). No loss and no parameter gradients: each row is a
/// vector–Jacobian product v ᵀ ∂s_T/∂s_t, the shape every gradient analysis needs (a loss gradient seeded at
/// h_T, the H unit vectors of ∂h_T/∂s_t, …). Clamped gates pass nothing, as in `backward`.
///
/// A row is the gradient at the state s_t: ∂/∂h_t (H values), then ∂/∂c_t (H more) for a cell with a
/// cell state, each partial holding the other fixed.
extension RecurrentModel {
    /// The size S of one row: H, or 2H for a cell with a cell state.
    public var stateSize: Int { cell.hasCellState ? 2 * hiddenSize : hiddenSize }

    /// Carries `rows` (R × `stateSize`, seeded at the final state s_T) back through `trace`, one step at a
    /// time; after each step `visit(t, rows)` sees the rows at state s_t, for t = T−1 … 0. On return
    /// `rows` holds the gradients at s₀. A one-layer model only.
    /// - Complexity: O(R · T · G·H · H), no allocation beyond O(R · G·H) scratch.
    public func backwardRows(_ trace: Trace, rows: inout [Double], count R: Int,
                             visit: (Int, UnsafePointer<Double>) -> Void) {
        precondition(layout.isSingleLayer, "batched rows run through one layer")
        precondition(trace.layout == layout, "trace made for another model shape")
        precondition(rows.count == R * stateSize, "expected \(R) rows of \(stateSize) values")
        cell.runBackwardRows(self, trace, rows: &rows, count: R, visit: visit)
    }

    /// The step loop of `backwardRows`, specialised for each cell.
    func backwardRowSteps<Cell: RecurrentCell>(_ cell: Cell, _ tr: Trace, rows: inout [Double], count R: Int,
                                               visit: (Int, UnsafePointer<Double>) -> Void) {
        let T = tr.steps, H = hiddenSize, GH = layout.gateRows, S = stateSize, L = layout
        let CH = cell.cacheBlocks * H, hasCell = cell.hasCellState, nonlinearity = self.nonlinearity
        // Scratch: the W_hh-side gradient of every row (R × GH), dIH (GH), dcTotal, spare, spareC (H each),
        // the cell's own parameters' gradients (discarded); and the next rows (R × S).
        var scratch = [Double](repeating: 0, count: R * GH + GH + 3 * H + L.cellExtraCount)
        var next = [Double](repeating: 0, count: R * S)
        parameters.withUnsafeBufferPointer { pBuf in
        rows.withUnsafeMutableBufferPointer { rBuf in
        next.withUnsafeMutableBufferPointer { nBuf in
        scratch.withUnsafeMutableBufferPointer { scBuf in
        tr.gateValues.withUnsafeBufferPointer { gv in
        tr.clampedMask.withUnsafeBufferPointer { mask in
        tr.hiddenStates.withUnsafeBufferPointer { hs in
        tr.initialHidden.withUnsafeBufferPointer { h0Buf in
        tr.cellStates.withUnsafeBufferPointer { cs in
        tr.initialCell.withUnsafeBufferPointer { c0Buf in
        tr.stepCache.withUnsafeBufferPointer { cache in
            guard let p = pBuf.baseAddress, let first = rBuf.baseAddress, let second = nBuf.baseAddress,
                  let sc = scBuf.baseAddress, let gBase = gv.baseAddress, let hBase = hs.baseAddress,
                  let h0 = h0Buf.baseAddress, let c0 = c0Buf.baseAddress else { return }
            var cur = first, nxt = second
            let whh = p + L.weightHH, extra = p + L.cellExtra
            let dRows = sc, dIH = sc + R * GH, dcTotal = dIH + GH, spare = dcTotal + H, spareC = spare + H
            let dExtra = spareC + H
            let cBase: UnsafePointer<Double> = hasCell ? (cs.baseAddress ?? UnsafePointer(spare)) : UnsafePointer(spare)
            for s in stride(from: T - 1, through: 0, by: -1) {
                for k in 0..<(R * S) { nxt[k] = 0 }
                let gates = gBase + s * GH
                let cm: UnsafePointer<Bool>? = tr.hasClamps ? mask.baseAddress.map { $0 + s * GH } : nil
                let hPrev: UnsafePointer<Double> = s == 0 ? h0 : hBase + (s - 1) * H
                let cacheAt: UnsafePointer<Double> = CH > 0 ? (cache.baseAddress.map { $0 + s * CH } ?? UnsafePointer(spare)) : UnsafePointer(spare)
                // Per row: the cell's own backward step (its direct paths go straight into `nxt`).
                for r in 0..<R {
                    let dh = cur + r * S
                    cell.backward(CellBackwardStep(
                        hiddenSize: H, dh: dh, dcNext: hasCell ? UnsafePointer(dh + H) : UnsafePointer(spare),
                        gates: gates, clamped: cm, hPrev: hPrev, h: hBase + s * H,
                        cPrev: hasCell && s > 0 ? cBase + (s - 1) * H : c0, c: hasCell ? cBase + s * H : cBase,
                        cache: cacheAt, extra: extra, dIH: dIH, dHH: dRows + r * GH, dhPrev: nxt + r * S,
                        dcPrev: hasCell ? nxt + r * S + H : spareC, dcTotal: dcTotal, dExtra: dExtra, nonlinearity: nonlinearity))
                }
                // Then every row through W_hhᵀ at once: ∂/∂h_{t−1} += W_hhᵀ d.
                Kernels.addTransposedProducts(whh, dRows, nxt, rows: GH, columns: H, count: R, outStride: S)
                swap(&cur, &nxt)
                visit(s, UnsafePointer(cur))
            }
            // The rows at s₀ end in `rows`.
            if cur != first { for k in 0..<(R * S) { first[k] = cur[k] } }
        }}}}}}}}}}}
    }
}

extension Kernels {
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
}
