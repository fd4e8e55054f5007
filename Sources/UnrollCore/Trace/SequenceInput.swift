/// The input sequence of a run: T input vectors of size I, and the tokens they came from, if any.
public struct SequenceInput: Sendable, Equatable {
    /// T × I, row-major.
    public var values: [Double]
    /// The vocabulary index of each step's one-hot token; nil at an unknown step (`?`).
    /// Nil as a whole when the input was given as raw vectors.
    public var tokens: [Int?]?
    /// Real-valued input: per step, whether it is unknown (`?`: the zero vector, or a fed prediction).
    /// Nil for token input (there `tokens` says so) and for input without unknown steps.
    public var unknownSteps: [Bool]?
    public let inputSize: Int

    public var count: Int { inputSize == 0 ? 0 : values.count / inputSize }

    /// One-hot vectors for `tokens` (nil: the all-zero vector of an unknown step).
    public init(tokens: [Int?], inputSize: Int) {
        self.inputSize = inputSize
        self.tokens = tokens
        var v = [Double](repeating: 0, count: tokens.count * inputSize)
        for (s, tok) in tokens.enumerated() {
            if let tok, tok >= 0, tok < inputSize { v[s * inputSize + tok] = 1 }
        }
        self.values = v
    }

    /// Raw input vectors, each of size `inputSize`.
    public init(vectors: [[Double]], inputSize: Int) {
        self.inputSize = inputSize
        self.tokens = nil
        var v: [Double] = []
        v.reserveCapacity(vectors.count * inputSize)
        for x in vectors {
            precondition(x.count == inputSize, "input vector of size \(x.count), expected \(inputSize)")
            v.append(contentsOf: x)
        }
        self.values = v
    }

    /// T × I values as they are (`values.count` a multiple of `inputSize`).
    public init(values: [Double], inputSize: Int) {
        self.inputSize = inputSize
        self.tokens = nil
        self.values = values
    }

    /// Whether 0-based step `s` is unknown (`?`): a token step without a token, or a marked real step.
    public func isUnknown(_ s: Int) -> Bool {
        if let tokens { return tokens[s] == nil }
        return unknownSteps?[s] ?? false
    }

    /// The input vector at 1-based step t.
    public func vector(at t: Int) -> [Double] { Array(values[((t - 1) * inputSize)..<(t * inputSize)]) }
}
