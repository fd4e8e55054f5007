/// The read-out half of a run, step by step: logits, probabilities, targets and losses.
///
/// A single layer's `Trace` and a shaped network's `OutputTrace` both conform, so the prediction,
/// target and loss accessors are written once.
public protocol ReadOutSteps {
    /// T
    var steps: Int { get }
    /// O: classes per step.
    var readOutSize: Int { get }
    /// T × O
    var logits: [Double] { get }
    /// T × O
    var probabilities: [Double] { get }
    /// Each step's target class, -1 where the step has none.
    var targetIndices: [Int] { get }
    /// Each step's cross-entropy (0 where the step has no target).
    var stepLosses: [Double] { get }
}

extension ReadOutSteps {
    /// logits_t (1-based t).
    public func logits(at t: Int) -> [Double] { Array(logits[((t - 1) * readOutSize)..<(t * readOutSize)]) }
    /// probs_t = softmax(logits_t).
    public func probabilities(at t: Int) -> [Double] { Array(probabilities[((t - 1) * readOutSize)..<(t * readOutSize)]) }
    /// The arg-max class at step t (the first on ties, as `torch.argmax`).
    public func predicted(at t: Int) -> Int {
        var best = 0
        let base = (t - 1) * readOutSize
        for k in 1..<max(1, readOutSize) where probabilities[base + k] > probabilities[base + best] { best = k }
        return best
    }
    /// The target class at step t, if any.
    public func target(at t: Int) -> Int? { targetIndices[t - 1] >= 0 ? targetIndices[t - 1] : nil }
    /// The cross-entropy at step t, nil without a target.
    public func loss(at t: Int) -> Double? { targetIndices[t - 1] >= 0 ? stepLosses[t - 1] : nil }
    /// Whether any step has a target.
    public var hasTargets: Bool { targetIndices.contains { $0 >= 0 } }
    /// The summed cross-entropy over steps with a target; nil when none has one.
    public var totalLoss: Double? {
        guard hasTargets else { return nil }
        var s = 0.0
        for k in 0..<steps where targetIndices[k] >= 0 { s += stepLosses[k] }
        return s
    }
}
