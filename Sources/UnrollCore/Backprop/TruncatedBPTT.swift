/// ‖∂L/∂h_t‖ under truncated BPTT with window `window`: the sequence is cut into windows of at most
/// `window` steps, the state carried forward across a cut but the gradient not, so each step only
/// hears the losses of its own window (what `TrainingSession` trains with). A window of T or more
/// is full BPTT.
///
/// - Complexity: O(T · H²), one forward and backward pass per window.
public func truncatedHiddenGradientNorms(_ model: RecurrentModel, input: SequenceInput, targets: [Int?], window: Int) -> [Double] {
    let T = input.count
    guard T > 0 else { return [] }
    let k = max(1, window)
    var trace = Trace(layout: model.layout, nonlinearity: model.nonlinearity)
    var gradients = Gradients(layout: model.layout)
    var norms: [Double] = []
    norms.reserveCapacity(T)
    var hidden: [Double]? = nil, cell: [Double]? = nil
    var start = 0
    while start < T {
        let end = min(T, start + k)
        let slice = SequenceInput(vectors: (start..<end).map { input.vector(at: $0 + 1) }, inputSize: input.inputSize)
        let sliceTargets = (start..<end).map { $0 < targets.count ? targets[$0] : nil }
        model.forward(slice, targets: sliceTargets, initialHidden: hidden, initialCell: cell, into: &trace)
        model.backward(trace, into: &gradients)
        norms += gradients.hiddenNorms(steps: end - start)
        hidden = trace.hidden(at: trace.steps)
        cell = trace.cell(at: trace.steps)
        start = end
    }
    return norms
}

/// The first steps of the windows after the first (1-based): where truncated BPTT cuts the gradient.
public func truncationCuts(steps: Int, window: Int) -> [Int] {
    let k = max(1, window)
    return Array(stride(from: k + 1, through: max(k + 1, steps), by: k)).filter { $0 <= steps }
}
