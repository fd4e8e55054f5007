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
        var out = SequenceInput(vectors: [], inputSize: I)
        var v = [Double](repeating: 0, count: T * I)
        for s in 0..<T {
            for j in 0..<I { v[s * I + j] = values[(T - 1 - s) * I + j] }
        }
        out.values = v
        out.tokens = tokens.map { Array($0.reversed()) }
        return out
    }
}

extension StackedRNN {
    /// A one-layer bidirectional network with all parameters zero (`bidirectional=True`).
    public static func bidirectional(kind: CellKind, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil,
                                     hasHead: Bool = true, nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil) -> StackedRNN {
        StackedRNN(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: 1, bidirectional: true,
                   outputSize: outputSize, hasHead: hasHead, nonlinearity: nonlinearity, vocab: vocab)
    }

    /// The logits the head gives at step t from one direction alone: its half of head.weight times that
    /// direction's top-layer state, plus the bias (the other direction's half left out). What one side
    /// of a bidirectional network would say by itself; both halves' shares plus the bias sum to the logits.
    public func halfLogits(_ trace: StackedTrace, direction d: Direction, at t: Int) -> [Double] {
        let H = hiddenSize, D = directions
        let h = trace.hidden(layer: numLayers - 1, direction: d, at: t)
        guard let head else {
            var z = [Double](repeating: 0, count: D * H)
            for u in 0..<H { z[d.rawValue * H + u] = h[u] }
            return z
        }
        return (0..<head.outputSize).map { k in
            var acc = head.bias[k]
            for u in 0..<H { acc += head.weight(k, d.rawValue * H + u) * h[u] }
            return acc
        }
    }

    /// softmax of `halfLogits`: the output distribution from one direction alone.
    public func halfProbabilities(_ trace: StackedTrace, direction d: Direction, at t: Int) -> [Double] {
        softmax(halfLogits(trace, direction: d, at: t))
    }
}
