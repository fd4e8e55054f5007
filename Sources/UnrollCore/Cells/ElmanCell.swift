/// The Elman RNN step, forward and backward side by side: h_t = φ(W_ih x + b_ih + W_hh h_{t−1} + b_hh).
enum ElmanCell {
    /// Turns the pre-activation `pre` (H) into h_t (written to `h` and to the gate slot).
    @inline(__always)
    static func forward(pre: UnsafePointer<Double>, gates: UnsafeMutablePointer<Double>, h: UnsafeMutablePointer<Double>,
                        hiddenSize H: Int, nonlinearity: Nonlinearity) {
        switch nonlinearity {
        case .tanh:
            for u in 0..<H { let v = tanhD(pre[u]); gates[u] = v; h[u] = v }
        case .relu:
            for u in 0..<H { let v = pre[u] > 0 ? pre[u] : 0; gates[u] = v; h[u] = v }
        }
    }

    /// From ∂L/∂h_t (`dh`), the gradient at the pre-activation (`dpre`, H).
    @inline(__always)
    static func backward(dh: UnsafePointer<Double>, h: UnsafePointer<Double>, dpre: UnsafeMutablePointer<Double>,
                         hiddenSize H: Int, nonlinearity: Nonlinearity) {
        switch nonlinearity {
        case .tanh:
            for u in 0..<H { dpre[u] = dh[u] * (1 - h[u] * h[u]) }
        case .relu:
            for u in 0..<H { dpre[u] = h[u] > 0 ? dh[u] : 0 }
        }
    }
}
