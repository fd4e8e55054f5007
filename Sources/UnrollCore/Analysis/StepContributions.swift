/// Each step's share of one weight tensor's BPTT gradient.
///
/// The RNN uses the same W at every step, so ∂L/∂W = Σ_t ∂L/∂W⁽ᵗ⁾, where W⁽ᵗ⁾ is the copy of W
/// used at step t. A share's size says how much step t moves W; its signed projection onto the
/// total says how much of the update it makes (the projections sum to ‖∂L/∂W‖). In a plain RNN
/// the early steps' shares of the loss at the end are tiny: that is the vanishing gradient.
///
/// ```swift
/// let shares = StepContributions(model: model, input: input, targets: targets, tensor: "weight_hh_l0")
/// shares.fractions   // per step t = 1…T, summing to 1
/// ```
public struct StepContributions: Sendable {
    /// The `state_dict` name of the tensor, e.g. "weight_hh_l0".
    public let tensor: String
    /// T.
    public let steps: Int
    /// ‖∂L/∂W‖: the norm of the summed gradient.
    public let totalNorm: Double
    /// T: ‖∂L/∂W⁽ᵗ⁾‖, t = 1…T.
    public let shareNorms: [Double]
    /// T: ⟨∂L/∂W⁽ᵗ⁾, ∂L/∂W⟩ / ‖∂L/∂W‖, t = 1…T; they sum to `totalNorm`.
    public let projections: [Double]
    /// T: projections / totalNorm (they sum to 1; zeros when the gradient is zero).
    public let fractions: [Double]
    /// T × (the tensor's size): every step's share of every entry, row t−1 for step t.
    public let shares: [Double]

    /// Reads the shares of `tensor` from gradients recorded with `recordStepShares: true`.
    /// Returns nil when the shares were not recorded or the layout has no such tensor.
    ///
    /// - Complexity: O(T · |W|).
    public init?(gradients g: Gradients, tensor name: String = "weight_hh_l0") {
        guard let all = g.stepShares, let t = g.layout.tensor(named: name) else { return nil }
        let T = g.steps, P = g.layout.count, n = t.count
        var total = 0.0
        for k in 0..<n { total += g.parameters[t.offset + k] * g.parameters[t.offset + k] }
        let totalNorm = total.squareRoot()
        var norms = [Double](repeating: 0, count: T), proj = norms
        var shares = [Double](repeating: 0, count: T * n)
        for s in 0..<T {
            var sq = 0.0, dot = 0.0
            for k in 0..<n {
                let v = all[s * P + t.offset + k]
                shares[s * n + k] = v
                sq += v * v
                dot += v * g.parameters[t.offset + k]
            }
            norms[s] = sq.squareRoot()
            proj[s] = totalNorm > 0 ? dot / totalNorm : 0
        }
        self.tensor = name
        self.steps = T
        self.totalNorm = totalNorm
        self.shareNorms = norms
        self.projections = proj
        self.fractions = proj.map { totalNorm > 0 ? $0 / totalNorm : 0 }
        self.shares = shares
    }

    /// Runs the model forward and backward with step shares and reads off `tensor`'s.
    /// Returns nil when the model has no such tensor or no step has a target.
    ///
    /// - Complexity: O(T · G·H·(I + H)) time, O(T · P) memory.
    public init?(model: RecurrentModel, input: SequenceInput, targets: [Int?], clamps: [Clamp] = [],
                 tensor name: String = "weight_hh_l0") {
        let trace = model.forward(input, targets: targets, clamps: clamps)
        guard trace.hasTargets else { return nil }
        self.init(gradients: model.backward(trace, recordStepShares: true), tensor: name)
    }

    /// Step t's share of entry (row, column) of the tensor (1 ≤ t ≤ T); the steps' shares sum to
    /// that entry's gradient.
    public func share(row: Int, column: Int, columns: Int, atStep t: Int) -> Double {
        let n = shares.count / max(steps, 1)
        return shares[(t - 1) * n + row * columns + column]
    }
}
