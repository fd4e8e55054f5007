/// Analyses of one run that the lessons' check functions call by name.
extension Run {
    /// ∂L/∂θ_k of the run with its clamps, on the input as given, by central finite differences;
    /// nil without targets.
    ///
    /// - Complexity: two forward passes.
    public func finiteDifferenceGradient(parameter k: Int, epsilon: Double = 1e-6) -> Double? {
        guard targets != nil, k >= 0, k < model.parameters.count else { return nil }
        var plus = model, minus = model
        plus.parameters[k] += epsilon
        minus.parameters[k] -= epsilon
        let lp = plus.forward(self.input, targets: targets, clamps: clamps).totalLoss ?? 0
        let lm = minus.forward(self.input, targets: targets, clamps: clamps).totalLoss ?? 0
        return (lp - lm) / (2 * epsilon)
    }

    /// max |h_t of the unrolled shown run − one step of the same cell from (h_{t−1}, c_{t−1})|:
    /// zero when the unrolled network is the loop it pictures.
    public func oneStepGap(at t: Int) -> Double {
        let single = SequenceInput(vectors: [input.vector(at: t)], inputSize: input.inputSize)
        let stepClamps = clamps.filter { $0.applies(atStep: t) }.map { c -> Clamp in var c = c; c.steps = nil; return c }
        let one = model.forward(single, clamps: stepClamps, initialHidden: shown.hidden(at: t - 1), initialCell: shown.cell(at: t - 1))
        return zip(shown.hidden(at: t), one.hidden(at: 1)).map { abs($0 - $1) }.max() ?? 0
    }

    /// Step t's share of ∂L/∂`tensor` (the shares sum to 1); nil without targets or for an unknown tensor.
    public func stepShare(tensor: String, at t: Int) -> Double? {
        guard var g = gradients else { return nil }
        if g.stepShares == nil { g = model.backward(shown, recordStepShares: true) }
        return StepContributions(gradients: g, tensor: tensor)?.fractions[t - 1]
    }

    /// The `k` words the model writes after the input, each fed back as the next input (greedy
    /// decoding); nil when the outputs are not the input words.
    public func greedyContinuation(_ k: Int) -> [Int]? {
        guard model.vocabCoversOutputs, var sequence = input.tokens else { return nil }
        var written: [Int] = []
        for _ in 0..<max(0, k) {
            let trace = model.forward(SequenceInput(tokens: sequence, inputSize: model.inputSize))
            let next = trace.predicted(at: trace.steps)
            written.append(next)
            sequence.append(next)
        }
        return written
    }
}
