/// The LSTM step, forward and backward side by side.
///
/// i = σ(·), f = σ(·), g = tanh(·), o = σ(·) over the stacked pre-activations (rows i, f, g, o);
/// c_t = f ⊙ c_{t−1} + i ⊙ g;  h_t = o ⊙ tanh(c_t). The cache holds tanh(c_t).
public struct LSTMCell: RecurrentCell {
    public init() {}
    public var kind: CellKind { .lstm }
    public var displayName: String { "LSTM" }
    public var gates: [GateSpec] { LSTMCell.gateSpecs }
    public var gateCount: Int { 4 }
    public var hasCellState: Bool { true }
    public var cacheBlocks: Int { 1 }

    /// i, f, g, o.
    static let gateSpecs = [GateSpec(.input, symbol: "i", rohrerName: "ignoring", shortName: "ignore"),
                            GateSpec(.forget, symbol: "f", rohrerName: "forgetting", shortName: "forget"),
                            GateSpec(.candidate, symbol: "g", isTanh: true, rohrerName: "prediction", shortName: "predict"),
                            GateSpec(.output, symbol: "o", rohrerName: "selection", shortName: "select")]

    /// Activates the 4H pre-activations into the gates, applies clamps, and writes c_t, tanh(c_t), h_t.
    @inline(__always)
    public func forward(_ s: CellForwardStep) {
        let H = s.hiddenSize, pre = s.pre, gates = s.gates
        for r in 0..<(4 * H) { pre[r] = s.ih[r] + s.hh[r] }
        Kernels.sigmoid(pre, gates, 2 * H)
        Kernels.tanh(pre + 2 * H, gates + 2 * H, H)
        Kernels.sigmoid(pre + 3 * H, gates + 3 * H, H)
        s.applyClamps(0..<(4 * H))
        for u in 0..<H { s.c[u] = gates[H + u] * s.cPrev[u] + gates[u] * gates[2 * H + u] }
        Kernels.tanh(s.c, s.cache, H)
        for u in 0..<H { s.h[u] = gates[3 * H + u] * s.cache[u] }
    }

    /// Backward through one step: ∂L/∂c_t in total, the gradients at the pre-activations (zero where
    /// clamped; the same at both sums), and ∂L/∂c_{t−1} through f.
    @inline(__always)
    public func backward(_ s: CellBackwardStep) {
        let H = s.hiddenSize, gates = s.gates, dpre = s.dIH
        for u in 0..<H {
            let i = gates[u], f = gates[H + u], g = gates[2 * H + u], o = gates[3 * H + u]
            let tc = s.cache[u], dh = s.dh[u]
            let dc = s.dcNext[u] + dh * o * (1 - tc * tc)
            s.dcTotal[u] = dc
            let dI = dc * g, dF = dc * s.cPrev[u], dG = dc * i, dO = dh * tc
            dpre[u] = dI * i * (1 - i)
            dpre[H + u] = dF * f * (1 - f)
            dpre[2 * H + u] = dG * (1 - g * g)
            dpre[3 * H + u] = dO * o * (1 - o)
            s.dcPrev[u] = dc * f
            s.dhPrev[u] = 0
        }
        if let clamped = s.clamped {
            for r in 0..<(4 * H) where clamped[r] { dpre[r] = 0 }
        }
        for r in 0..<(4 * H) { s.dHH[r] = dpre[r] }
    }

    public func hiddenExplanation(unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel) -> HiddenExplanation {
        LSTMCell.outputTimesTanhCell(unit: u, at: t, in: trace)
    }

    /// h = o · tanh(c), the explanation both LSTMs share.
    static func outputTimesTanhCell(unit u: Int, at t: Int, in trace: Trace) -> HiddenExplanation {
        let o = trace.gate(.output, at: t)?[u] ?? 0, c = trace.cell(at: t)?[u] ?? 0
        let tc = tanhD(c)
        return .terms([.init(label: "o·tanh(c)", weight: o, input: tc, factor: 1, contribution: o * tc, source: .cell(unit: u))])
    }
}
