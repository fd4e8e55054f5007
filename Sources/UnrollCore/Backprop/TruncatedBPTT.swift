/// Truncated BPTT's gradients over a whole sequence, window by window: the sequence is cut into
/// windows of at most `window` steps, the state carried forward across a cut but the gradient not,
/// so each step's ∂L/∂h_t (and ∂L/∂c_t) only hears the losses of its own window, as
/// `TrainingSession` trains with. The result has T rows like full BPTT's: `hidden`, `cell` and (when
/// recorded) `stepShares` are the windows' rows in order, `parameters` their sum (one model, so the
/// gradient a single update over all windows would take). A window of T or more is full BPTT.
///
/// ```swift
/// let g = truncatedGradients(model, input: x, targets: y, window: 2)
/// g.hiddenNorms(steps: x.count)      // zero beyond each window's reach
/// ```
/// - Complexity: O(T · G·H·(I + H)), one forward and backward pass per window; O(T · P) more with shares.
public func truncatedGradients(_ model: RecurrentModel, input: SequenceInput, targets: [Int?], window: Int,
                               recordStepShares: Bool = false) -> Gradients {
    let T = input.count, H = model.hiddenSize
    var total = Gradients(layout: model.layout)
    guard T > 0 else { return total }
    let k = max(1, window)
    var trace = Trace(layout: model.layout, nonlinearity: model.nonlinearity)
    var part = Gradients(layout: model.layout)
    var hidden: [Double]? = nil, cell: [Double]? = nil
    var shares: [Double] = []
    total.hidden.reserveCapacity(T * H)
    var start = 0
    while start < T {
        let end = min(T, start + k)
        let slice = SequenceInput(vectors: (start..<end).map { input.vector(at: $0 + 1) }, inputSize: input.inputSize)
        let sliceTargets = (start..<end).map { $0 < targets.count ? targets[$0] : nil }
        model.forward(slice, targets: sliceTargets, initialHidden: hidden, initialCell: cell, into: &trace)
        model.backward(trace, recordStepShares: recordStepShares, into: &part)
        for i in part.parameters.indices { total.parameters[i] += part.parameters[i] }
        total.hidden += part.hidden.prefix((end - start) * H)
        total.cell += part.cell.prefix(model.cell.hasCellState ? (end - start) * H : 0)
        if recordStepShares, let s = part.stepShares { shares += s.prefix((end - start) * model.layout.count) }
        if start == 0 {
            total.initialHidden = part.initialHidden
            total.initialCell = part.initialCell
        }
        hidden = trace.hidden(at: trace.steps)
        cell = trace.cell(at: trace.steps)
        start = end
    }
    total.steps = T
    total.stepShares = recordStepShares ? shares : nil
    return total
}

/// ‖∂L/∂h_t‖ under truncated BPTT with window `window` (`truncatedGradients`' per-step norms).
///
/// - Complexity: O(T · H²), one forward and backward pass per window.
public func truncatedHiddenGradientNorms(_ model: RecurrentModel, input: SequenceInput, targets: [Int?], window: Int) -> [Double] {
    guard input.count > 0 else { return [] }
    return truncatedGradients(model, input: input, targets: targets, window: window).hiddenNorms(steps: input.count)
}

/// The first steps of the windows after the first (1-based): where truncated BPTT cuts the gradient.
public func truncationCuts(steps: Int, window: Int) -> [Int] {
    let k = max(1, window)
    return Array(stride(from: k + 1, through: max(k + 1, steps), by: k)).filter { $0 <= steps }
}
