/// The LSTM step, forward and backward side by side.
///
/// i = σ(·), f = σ(·), g = tanh(·), o = σ(·) over the stacked pre-activations (rows i, f, g, o);
/// c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t).
enum LSTMCell {
    /// Activates the 4H pre-activations into `gates`, applies clamps, and writes c_t, tanh(c_t), h_t.
    @inline(__always)
    static func forward(pre: UnsafePointer<Double>, gates: UnsafeMutablePointer<Double>,
                        clampValue: UnsafePointer<Double>?, clamped: UnsafePointer<Bool>?,
                        cPrev: UnsafePointer<Double>, c: UnsafeMutablePointer<Double>, tanhC: UnsafeMutablePointer<Double>,
                        h: UnsafeMutablePointer<Double>, hiddenSize H: Int) {
        for r in 0..<(2 * H) { gates[r] = sigmoid(pre[r]) }
        for r in (2 * H)..<(3 * H) { gates[r] = tanhD(pre[r]) }
        for r in (3 * H)..<(4 * H) { gates[r] = sigmoid(pre[r]) }
        if let clampValue, let clamped {
            for r in 0..<(4 * H) where clamped[r] { gates[r] = clampValue[r] }
        }
        for u in 0..<H {
            let i = gates[u], f = gates[H + u], g = gates[2 * H + u], o = gates[3 * H + u]
            let cu = f * cPrev[u] + i * g
            c[u] = cu
            let tc = tanhD(cu)
            tanhC[u] = tc
            h[u] = o * tc
        }
    }

    /// Backward through one step.
    ///
    /// In: `dh` = ∂L/∂h_t (total), `dcNext` = ∂L/∂c_t arriving from step t+1 (through f_{t+1}).
    /// Out: `dcTotal` = ∂L/∂c_t in total, `dpre` (4H) at the pre-activations (zero where clamped),
    /// and `dcPrev` = the part of ∂L/∂c_{t−1} through this step.
    @inline(__always)
    static func backward(dh: UnsafePointer<Double>, dcNext: UnsafePointer<Double>, gates: UnsafePointer<Double>,
                         clamped: UnsafePointer<Bool>?, cPrev: UnsafePointer<Double>, tanhC: UnsafePointer<Double>,
                         dcTotal: UnsafeMutablePointer<Double>, dpre: UnsafeMutablePointer<Double>,
                         dcPrev: UnsafeMutablePointer<Double>, hiddenSize H: Int) {
        for u in 0..<H {
            let i = gates[u], f = gates[H + u], g = gates[2 * H + u], o = gates[3 * H + u]
            let tc = tanhC[u]
            let dc = dcNext[u] + dh[u] * o * (1 - tc * tc)
            dcTotal[u] = dc
            let dI = dc * g, dF = dc * cPrev[u], dG = dc * i, dO = dh[u] * tc
            dpre[u] = dI * i * (1 - i)
            dpre[H + u] = dF * f * (1 - f)
            dpre[2 * H + u] = dG * (1 - g * g)
            dpre[3 * H + u] = dO * o * (1 - o)
            dcPrev[u] = dc * f
        }
        if let clamped {
            for r in 0..<(4 * H) where clamped[r] { dpre[r] = 0 }
        }
    }
}
