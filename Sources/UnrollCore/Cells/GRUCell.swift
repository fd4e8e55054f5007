/// The GRU step, forward and backward side by side.
///
/// r = σ(W_ir x + b_ir + W_hr h + b_hr), z = σ(W_iz x + b_iz + W_hz h + b_hz),
/// n = tanh(W_in x + b_in + r ⊙ (W_hn h + b_hn)), h_t = (1 − z) ⊙ n + z ⊙ h_{t−1}.
/// The cache holds W_hn h_{t−1} + b_hn.
public struct GRUCell: RecurrentCell {
    public init() {}
    public var kind: CellKind { .gru }
    public var displayName: String { "GRU" }
    public var gates: [GateSpec] { GRUCell.gateSpecs }
    public var gateCount: Int { 3 }
    public var hasCellState: Bool { false }
    public var cacheBlocks: Int { 1 }

    /// r, z, n.
    static let gateSpecs = [GateSpec(.reset, symbol: "r"), GateSpec(.update, symbol: "z"),
                            GateSpec(.candidate, symbol: "n", isTanh: true, shortName: "new")]

    /// Combines `ih` and `hh` into pre-activations and gates, applies clamps, and writes h_t.
    @inline(__always)
    public func forward(_ s: CellForwardStep) {
        let H = s.hiddenSize, ih = s.ih, hh = s.hh, pre = s.pre, gates = s.gates
        for r in 0..<(2 * H) { pre[r] = ih[r] + hh[r] }
        Kernels.sigmoid(pre, gates, 2 * H)
        s.applyClamps(0..<(2 * H))
        for u in 0..<H {
            let hnu = hh[2 * H + u]
            s.cache[u] = hnu
            pre[2 * H + u] = ih[2 * H + u] + gates[u] * hnu
        }
        Kernels.tanh(pre + 2 * H, gates + 2 * H, H)
        s.applyClamps((2 * H)..<(3 * H))
        for u in 0..<H {
            let z = gates[H + u], n = gates[2 * H + u]
            s.h[u] = (1 - z) * n + z * s.hPrev[u]
        }
    }

    /// Backward through one step: the candidate's hidden-side sum sees r ⊙ ∂n; z ⊙ ∂h passes directly to h_{t−1}.
    @inline(__always)
    public func backward(_ s: CellBackwardStep) {
        let H = s.hiddenSize, gates = s.gates, dIH = s.dIH, dHH = s.dHH
        for u in 0..<H {
            let r = gates[u], z = gates[H + u], n = gates[2 * H + u]
            let dhu = s.dh[u]
            var dnPre = dhu * (1 - z) * (1 - n * n)
            if let clamped = s.clamped, clamped[2 * H + u] { dnPre = 0 }
            var drPre = dnPre * s.cache[u] * r * (1 - r)
            var dzPre = dhu * (s.hPrev[u] - n) * z * (1 - z)
            if let clamped = s.clamped {
                if clamped[u] { drPre = 0 }
                if clamped[H + u] { dzPre = 0 }
            }
            dIH[u] = drPre
            dIH[H + u] = dzPre
            dIH[2 * H + u] = dnPre
            dHH[u] = drPre
            dHH[H + u] = dzPre
            dHH[2 * H + u] = dnPre * r
            s.dhPrev[u] = dhu * z
        }
    }

    /// The candidate's hidden-side sum is scaled by the reset gate.
    public func gateExplanation(block: Int, unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel)
        -> (hiddenFactor: Double, extraTerms: [Explanation.Term]) {
        (block == 2 ? (trace.gate(.reset, at: t)?[u] ?? 1) : 1, [])
    }

    public func hiddenExplanation(unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel) -> HiddenExplanation {
        let z = trace.gate(.update, at: t)?[u] ?? 0, n = trace.gate(.candidate, at: t)?[u] ?? 0
        let hPrev = trace.hidden(at: t - 1)[u]
        return .terms([
            .init(label: "(1−z)·n", weight: 1 - z, input: n, factor: 1, contribution: (1 - z) * n, source: .gates),
            .init(label: "z·h\(subscriptDigits(t - 1))", weight: z, input: hPrev, factor: 1, contribution: z * hPrev, source: .previousHidden(unit: u)),
        ])
    }
}
