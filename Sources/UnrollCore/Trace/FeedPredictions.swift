/// Forecasting by feeding the network its own predictions: each unknown (`?`) step after the first is
/// given the previous step's prediction, as Rohrer does on the days you were away.
///
/// For a token model whose vocabulary names its outputs the fed value is the one-hot vector (or the
/// embedding row) of the predicted class (the largest probability, ties to the lowest index); for a
/// `"real"` → `"regression"` model with O = I it is the read-out y_{t−1}. The fed value is data: no
/// gradient flows back through it (a fed token step has no token, so the embedding gets nothing there).
/// An unknown step 1 stays the zero vector.
extension RecurrentModel {
    /// Whether the model can feed its predictions back: a token model whose vocabulary names its
    /// outputs (O = the number of tokens), or a real-valued regression with O = I; one layer or more.
    public var canFeedPredictions: Bool {
        guard !isEncoderDecoder else { return false }
        switch (inputKind, outputKind) {
        case (.tokens, .classes): return vocabCoversOutputs && outputSize == tokenCount
        case (.real, .regression): return outputSize == inputSize
        default: return false
        }
    }

    /// Why `canFeedPredictions` is false, as a phrase ("its outputs are not its input tokens").
    public var whyPredictionsCannotBeFed: String? {
        guard !canFeedPredictions else { return nil }
        if isEncoderDecoder { return "an encoder–decoder feeds its decoder with generate" }
        switch (inputKind, outputKind) {
        case (.tokens, .classes): return "its outputs are not named by its vocabulary's tokens"
        case (.real, .regression): return "it predicts \(outputSize) numbers but reads \(inputSize)"
        default: return "its outputs (\(outputKind.rawValue)) are not its inputs (\(inputKind.rawValue))"
        }
    }

    /// Runs the model with every unknown step after the first fed the previous step's prediction.
    /// The trace's `fedSteps` mark the fed steps; its `inputs` show what was fed.
    /// - Complexity: one forward pass over a prefix per fed step, O(T · fed) steps in all.
    public func forwardFeedingPredictions(_ input: SequenceInput, targets: [Int?]? = nil, targetVectors: [[Double]?]? = nil,
                                          clamps: [Clamp] = []) -> Trace {
        precondition(canFeedPredictions, whyPredictionsCannotBeFed ?? "")
        let T = input.count, I = inputSize
        var x = embedded(input)
        var fed = [Bool](repeating: false, count: T)
        for s in 1..<max(1, T) where input.isUnknown(s) {
            // Steps before s are final: run the prefix and read step s−1's prediction.
            var prefix = SequenceInput(values: Array(x.values[0..<(s * I)]), inputSize: I)
            prefix.tokens = x.tokens.map { Array($0[0..<s]) }
            let run = forward(prefix, clamps: clamps)
            let row: [Double]
            if inputKind == .real {
                row = run.outputs(at: s)
            } else {
                let k = run.predicted(at: s)
                if layout.embeddingRows != nil {
                    row = Array(parameters[(layout.embedding + k * I)..<(layout.embedding + (k + 1) * I)])
                } else {
                    var e = [Double](repeating: 0, count: I)
                    e[k] = 1
                    row = e
                }
            }
            x.values.replaceSubrange((s * I)..<((s + 1) * I), with: row)
            fed[s] = true
        }
        var trace = forward(x, targets: targets, targetVectors: targetVectors, clamps: clamps)
        trace.fedSteps = fed
        return trace
    }
}
