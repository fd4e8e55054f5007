/// The GRU step, forward and backward side by side.
///
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
enum GRUCell {
    /// Combines the input part `ih` (3H: W_ih x + b_ih) and the hidden part `hh` (3H: W_hh h + b_hh)
    /// into pre-activations and gates, applies clamps, and writes h_t. Keeps W_hn h + b_hn in `hn`.
    @inline(__always)
    static func forward(ih: UnsafePointer<Double>, hh: UnsafePointer<Double>, pre: UnsafeMutablePointer<Double>,
                        gates: UnsafeMutablePointer<Double>, clampValue: UnsafePointer<Double>?, clamped: UnsafePointer<Bool>?,
                        hn: UnsafeMutablePointer<Double>, hPrev: UnsafePointer<Double>, h: UnsafeMutablePointer<Double>,
                        hiddenSize H: Int) {
        for r in 0..<(2 * H) {
            let p = ih[r] + hh[r]
            pre[r] = p
            gates[r] = sigmoid(p)
        }
        if let clampValue, let clamped {
            for r in 0..<(2 * H) where clamped[r] { gates[r] = clampValue[r] }
        }
        for u in 0..<H {
            let hnu = hh[2 * H + u]
            hn[u] = hnu
            let p = ih[2 * H + u] + gates[u] * hnu
            pre[2 * H + u] = p
            gates[2 * H + u] = tanhD(p)
        }
        if let clampValue, let clamped {
            for r in (2 * H)..<(3 * H) where clamped[r] { gates[r] = clampValue[r] }
        }
        for u in 0..<H {
            let z = gates[H + u], n = gates[2 * H + u]
            h[u] = (1 - z) * n + z * hPrev[u]
        }
    }

    /// Backward through one step.
    ///
    /// In: `dh` = ∂L/∂h_t (total). Out: `dIH` (3H) at the input-side pre-activations (what W_ih and
    /// b_ih see), `dHH` (3H) at the hidden-side sums W_hh h + b_hh (what W_hh and b_hh see),
    /// and `dhPrev` the direct part of ∂L/∂h_{t−1} (z ⊙ dh; the W_hhᵀ part is added by the caller).
    @inline(__always)
    static func backward(dh: UnsafePointer<Double>, gates: UnsafePointer<Double>, clamped: UnsafePointer<Bool>?,
                         hn: UnsafePointer<Double>, hPrev: UnsafePointer<Double>,
                         dIH: UnsafeMutablePointer<Double>, dHH: UnsafeMutablePointer<Double>,
                         dhPrev: UnsafeMutablePointer<Double>, hiddenSize H: Int) {
        for u in 0..<H {
            let r = gates[u], z = gates[H + u], n = gates[2 * H + u]
            let dhu = dh[u]
            var dnPre = dhu * (1 - z) * (1 - n * n)
            if let clamped, clamped[2 * H + u] { dnPre = 0 }
            var drPre = dnPre * hn[u] * r * (1 - r)
            var dzPre = dhu * (hPrev[u] - n) * z * (1 - z)
            if let clamped {
                if clamped[u] { drPre = 0 }
                if clamped[H + u] { dzPre = 0 }
            }
            dIH[u] = drPre
            dIH[H + u] = dzPre
            dIH[2 * H + u] = dnPre
            dHH[u] = drPre
            dHH[H + u] = dzPre
            dHH[2 * H + u] = dnPre * r
            dhPrev[u] = dhu * z
        }
    }
}
