/// The direction a recurrent layer reads its sequence in. A bidirectional layer (`bidirectional=True`)
/// has both: the reverse one, named with `_reverse` (`weight_ih_l0_reverse`), starts at step T and ends at
/// step 1, so at step t it has seen x_t … x_T. Its output at t is [h_fwd_t ; h_bwd_t].
public enum Direction: Int, CaseIterable, Sendable {
    case forward = 0, reverse = 1

    /// The suffix PyTorch adds to the direction's parameter names.
    public var suffix: String { self == .forward ? "" : "_reverse" }
}

extension SequenceInput {
    /// The same steps in the opposite order (tokens too): what a reverse direction reads.
    public func reversed() -> SequenceInput {
        let T = count, I = inputSize
        var v = [Double](repeating: 0, count: T * I)
        for s in 0..<T {
            for j in 0..<I { v[s * I + j] = values[(T - 1 - s) * I + j] }
        }
        var out = SequenceInput(values: v, inputSize: I)
        out.tokens = tokens.map { Array($0.reversed()) }
        out.unknownSteps = unknownSteps.map { Array($0.reversed()) }
        return out
    }
}
