/// The Elman RNN step, forward and backward side by side: h_t = φ(W_ih x + b_ih + W_hh h_{t−1} + b_hh).
public struct ElmanCell: RecurrentCell {
    public init() {}
    public var kind: CellKind { .rnn }
    public var displayName: String { "RNN" }
    public var gates: [GateSpec] { [] }
    public var gateCount: Int { 1 }
    public var hasCellState: Bool { false }
    public var takesNonlinearity: Bool { true }
    public var cacheBlocks: Int { 0 }

    /// Turns the pre-activation (H) into h_t (written to `h` and to the gate slot).
    @inline(__always)
    public func forward(_ s: CellForwardStep) {
        let H = s.hiddenSize, pre = s.pre, gates = s.gates, h = s.h
        for u in 0..<H { pre[u] = s.ih[u] + s.hh[u] }
        switch s.nonlinearity {
        case .tanh:
            Kernels.tanh(pre, gates, H)
            for u in 0..<H { h[u] = gates[u] }
        case .relu:
            for u in 0..<H { let v = pre[u] > 0 ? pre[u] : 0; gates[u] = v; h[u] = v }
        case .sigmoid:
            Kernels.sigmoid(pre, gates, H)
            for u in 0..<H { h[u] = gates[u] }
        }
    }

    /// From ∂L/∂h_t, the gradient at the pre-activation (the same at both sums); nothing passes directly.
    @inline(__always)
    public func backward(_ s: CellBackwardStep) {
        let H = s.hiddenSize, dh = s.dh, h = s.h, dIH = s.dIH, dHH = s.dHH
        switch s.nonlinearity {
        case .tanh:
            for u in 0..<H { let d = dh[u] * (1 - h[u] * h[u]); dIH[u] = d; dHH[u] = d; s.dhPrev[u] = 0 }
        case .relu:
            for u in 0..<H { let d = h[u] > 0 ? dh[u] : 0; dIH[u] = d; dHH[u] = d; s.dhPrev[u] = 0 }
        case .sigmoid:
            for u in 0..<H { let d = dh[u] * (h[u] * (1 - h[u])); dIH[u] = d; dHH[u] = d; s.dhPrev[u] = 0 }
        }
    }

    public func hiddenExplanation(unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel) -> HiddenExplanation {
        .activation(row: u, name: model.nonlinearity == .sigmoid ? "σ" : model.nonlinearity.rawValue)
    }
}
