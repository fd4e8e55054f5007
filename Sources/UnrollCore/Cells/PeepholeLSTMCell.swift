/// The peephole LSTM (Gers, Schraudolph and Schmidhuber, 2002): the gates also see the cell state.
///
/// i = σ(W_ii x + b_ii + W_hi h + b_hi + w_ci ⊙ c_{t−1}), f = σ(… + w_cf ⊙ c_{t−1}), g = tanh(…);
/// c_t = f ⊙ c_{t−1} + i ⊙ g; o = σ(W_io x + b_io + W_ho h + b_ho + w_co ⊙ c_t); h_t = o ⊙ tanh(c_t).
/// Its own tensors are `weight_ci_l0`, `weight_cf_l0`, `weight_co_l0` (H each); the cache holds tanh(c_t).
/// Pre-activations include the peephole terms.
public struct PeepholeLSTMCell: RecurrentCell {
    public init() {}
    public var kind: CellKind { .lstm }
    public var fileFlags: [String] { ["peephole"] }
    public var displayName: String { "peephole LSTM" }
    public var gates: [GateSpec] { LSTMCell.gateSpecs }
    public var gateCount: Int { 4 }
    public var hasCellState: Bool { true }
    public var cacheBlocks: Int { 1 }
    public var cellStateTaps: [CellStateTap] { [CellStateTap(.input, current: false), CellStateTap(.forget, current: false),
                                                 CellStateTap(.output, current: true)] }

    public func extraTensors(hiddenSize H: Int) -> [TensorShape] {
        ["weight_ci_l0", "weight_cf_l0", "weight_co_l0"].map { TensorShape(name: $0, rows: H, columns: nil) }
    }

    @inline(__always)
    public func forward(_ s: CellForwardStep) {
        let H = s.hiddenSize, pre = s.pre, gates = s.gates, cPrev = s.cPrev
        let wci = s.extra, wcf = s.extra + H, wco = s.extra + 2 * H
        for u in 0..<H {
            pre[u] = s.ih[u] + s.hh[u] + wci[u] * cPrev[u]
            pre[H + u] = s.ih[H + u] + s.hh[H + u] + wcf[u] * cPrev[u]
        }
        for r in (2 * H)..<(3 * H) { pre[r] = s.ih[r] + s.hh[r] }
        Kernels.sigmoid(pre, gates, 2 * H)
        Kernels.tanh(pre + 2 * H, gates + 2 * H, H)
        s.applyClamps(0..<(3 * H))
        for u in 0..<H {
            let cu = gates[H + u] * cPrev[u] + gates[u] * gates[2 * H + u]
            s.c[u] = cu
            pre[3 * H + u] = s.ih[3 * H + u] + s.hh[3 * H + u] + wco[u] * cu
        }
        Kernels.sigmoid(pre + 3 * H, gates + 3 * H, H)
        s.applyClamps((3 * H)..<(4 * H))
        Kernels.tanh(s.c, s.cache, H)
        for u in 0..<H { s.h[u] = gates[3 * H + u] * s.cache[u] }
    }

    /// Backward through one step: o's peephole adds w_co ⊙ ∂o to ∂L/∂c_t; i's and f's add to
    /// ∂L/∂c_{t−1}. A clamped gate passes nothing, through its peephole neither.
    @inline(__always)
    public func backward(_ s: CellBackwardStep) {
        let H = s.hiddenSize, gates = s.gates, dpre = s.dIH, clamped = s.clamped
        let wci = s.extra, wcf = s.extra + H, wco = s.extra + 2 * H
        let dwci = s.dExtra, dwcf = s.dExtra + H, dwco = s.dExtra + 2 * H
        for u in 0..<H {
            let i = gates[u], f = gates[H + u], g = gates[2 * H + u], o = gates[3 * H + u]
            let tc = s.cache[u], dh = s.dh[u], cPrev = s.cPrev[u]
            var doPre = dh * tc * o * (1 - o)
            if let clamped, clamped[3 * H + u] { doPre = 0 }
            let dc = s.dcNext[u] + dh * o * (1 - tc * tc) + doPre * wco[u]
            s.dcTotal[u] = dc
            var diPre = dc * g * i * (1 - i)
            var dfPre = dc * cPrev * f * (1 - f)
            var dgPre = dc * i * (1 - g * g)
            if let clamped {
                if clamped[u] { diPre = 0 }
                if clamped[H + u] { dfPre = 0 }
                if clamped[2 * H + u] { dgPre = 0 }
            }
            dpre[u] = diPre
            dpre[H + u] = dfPre
            dpre[2 * H + u] = dgPre
            dpre[3 * H + u] = doPre
            s.dcPrev[u] = dc * f + diPre * wci[u] + dfPre * wcf[u]
            s.dhPrev[u] = 0
            dwci[u] += diPre * cPrev
            dwcf[u] += dfPre * cPrev
            dwco[u] += doPre * s.c[u]
        }
        for r in 0..<(4 * H) { s.dHH[r] = dpre[r] }
    }

    /// i and f add w ⊙ c_{t−1}; o adds w_co ⊙ c_t.
    public func gateExplanation(block: Int, unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel)
        -> (hiddenFactor: Double, extraTerms: [Explanation.Term]) {
        let names = ["weight_ci_l0", "weight_cf_l0", nil, "weight_co_l0"]
        guard block < names.count, let name = names[block], let tensor = model.layout.tensor(named: name) else { return (1, []) }
        let w = model.parameters[tensor.offset + u]
        let step = block == 3 ? t : t - 1
        let c = trace.cell(at: step)?[u] ?? 0
        return (1, [.init(label: "c\(subscriptDigits(step))[\(u)]", weight: w, input: c, factor: 1, contribution: w * c,
                     source: block == 3 ? .cell(unit: u) : .previousCell(unit: u))])
    }

    public func hiddenExplanation(unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel) -> HiddenExplanation {
        LSTMCell.outputTimesTanhCell(unit: u, at: t, in: trace)
    }
}
