/// Stacked and bidirectional networks: every (layer, direction) runs through the same step loops as a
/// plain model (a headless one-layer `RecurrentModel` over its slice of the parameters), and the one
/// read-out reads the top layer, exactly as `torch.nn.RNN/LSTM/GRU(num_layers=L, bidirectional=B)`
/// followed by an `nn.Linear` named `head`.
///
/// Layer 0 reads the input; layer l ≥ 1 reads layer l−1's output sequence. A layer's output at step t is
/// h_t, or [h_fwd_t ; h_bwd_t] (2H) when bidirectional, where the reverse direction runs from step T down to 1.
extension RecurrentModel {
    /// Layer `l`, direction `d` alone: a headless one-layer model over its parameters (a copy).
    public func layer(_ l: Int, direction d: Direction = .forward) -> RecurrentModel {
        var m = RecurrentModel(layout: layout.layerLayout(l), nonlinearity: nonlinearity)
        if m.layout == layout {
            m.parameters = parameters
        } else {
            m.parameters = Array(parameters[layout.layerRange(l, direction: d.rawValue)])
        }
        return m
    }

    /// The forward pass of a network of several layers or directions into `trace`.
    func forwardNetwork(_ input: SequenceInput, targets: [Int?]?, targetVectors: [[Double]?]?, clamps: [Clamp],
                        initialHiddens: [[Double]]?, initialCells: [[Double]]?, into trace: inout Trace) {
        precondition(input.inputSize == inputSize, "input size \(input.inputSize), model expects \(inputSize)")
        let T = input.count, D = directions, H = hiddenSize, F = layout.featureSize, O = outputSize
        var traces: [Trace] = []
        var layerInput = input
        for l in 0..<numLayers {
            var output = [Double](repeating: 0, count: T * F)
            for d in 0..<D {
                let index = l * D + d
                let sequence = d == 0 ? layerInput : layerInput.reversed()
                let sub = layer(l, direction: Direction(rawValue: d) ?? .forward)
                let tr = sub.forward(sequence, clamps: clamps, initialHidden: initialHiddens?[index],
                                     initialCell: cell.hasCellState ? initialCells?[index] : nil)
                for s in 0..<T {
                    let t0 = d == 0 ? s : T - 1 - s
                    for u in 0..<H { output[t0 * F + d * H + u] = tr.hiddenStates[s * H + u] }
                }
                traces.append(tr)
            }
            layerInput = SequenceInput(values: output, inputSize: F)
        }
        // The trace's own arrays are layer 0's forward direction; the read-out is the network's.
        let first = traces[0]
        trace.isRegression = outputKind == .regression
        trace.resize(steps: T)
        trace.tokens = input.tokens
        trace.clamps = clamps
        trace.inputs = first.inputs
        trace.preActivations = first.preActivations
        trace.gateValues = first.gateValues
        trace.clampedMask = first.clampedMask
        trace.stepCache = first.stepCache
        trace.cellStates = first.cellStates
        trace.hiddenStates = first.hiddenStates
        trace.initialHidden = first.initialHidden
        trace.initialCell = first.initialCell
        trace.setTargets(targets, vectors: targetVectors)
        let regression = trace.isRegression, L = layout
        parameters.withUnsafeBufferPointer { pBuf in
        layerInput.values.withUnsafeBufferPointer { fBuf in
        trace.logits.withUnsafeMutableBufferPointer { lBuf in
        trace.probabilities.withUnsafeMutableBufferPointer { prBuf in
        trace.targetValues.withUnsafeBufferPointer { tvBuf in
            guard let p = pBuf.baseAddress, let f = fBuf.baseAddress, let lb = lBuf.baseAddress, let pr = prBuf.baseAddress else { return }
            for s in 0..<T {
                trace.stepLosses[s] = ReadOut.forward(p, L, feature: f + s * F, logits: lb + s * O, probs: pr + s * O,
                                                      target: trace.targetIndices[s],
                                                      targetValues: regression ? tvBuf.baseAddress.map { $0 + s * O } : nil,
                                                      regression: regression)
            }
        }}}}}
        trace.layerTraces = traces
    }

    /// Backpropagation through every layer and direction, from the read-out's loss (`includeLoss`) and
    /// from gradients at the final states of every (layer, direction) (`seedHiddens`, `seedCells`,
    /// PyTorch's order: what a decoder sends back to its encoder). The head's gradient splits into the
    /// top layer's directions; each layer's ∂L/∂x_t is the outside gradient of the layer below.
    func backwardNetwork(_ trace: Trace, seedHiddens: [[Double]]?, seedCells: [[Double]]?, includeLoss: Bool,
                         into g: inout Gradients) {
        let T = trace.steps, D = directions, H = hiddenSize, F = layout.featureSize, O = outputSize, L = layout
        let hasCell = cell.hasCellState
        g.steps = T
        g.parameters = [Double](repeating: 0, count: L.count)
        g.stepShares = nil
        // The features the head read, and ∂L/∂features from the read-out.
        var features = [Double](repeating: 0, count: T * F)
        for d in 0..<D {
            let top = trace.layerTraces[(numLayers - 1) * D + d]
            for s in 0..<T {
                let t0 = d == 0 ? s : T - 1 - s
                for u in 0..<H { features[t0 * F + d * H + u] = top.hiddenStates[s * H + u] }
            }
        }
        var dAbove = [Double](repeating: 0, count: T * F)
        var dlogits = [Double](repeating: 0, count: O)
        if includeLoss {
            parameters.withUnsafeBufferPointer { pBuf in
            g.parameters.withUnsafeMutableBufferPointer { gBuf in
            features.withUnsafeBufferPointer { fBuf in
            dAbove.withUnsafeMutableBufferPointer { dBuf in
            dlogits.withUnsafeMutableBufferPointer { dlBuf in
            trace.logits.withUnsafeBufferPointer { lBuf in
            trace.probabilities.withUnsafeBufferPointer { prBuf in
            trace.targetValues.withUnsafeBufferPointer { tvBuf in
                guard let p = pBuf.baseAddress, let acc = gBuf.baseAddress, let f = fBuf.baseAddress, let dF = dBuf.baseAddress,
                      let dl = dlBuf.baseAddress, let lb = lBuf.baseAddress, let pr = prBuf.baseAddress else { return }
                for s in 0..<T where trace.targetIndices[s] >= 0 {
                    ReadOut.seed(L, logits: lb + s * O, probs: pr + s * O, target: trace.targetIndices[s],
                                 targetValues: trace.isRegression ? tvBuf.baseAddress.map { $0 + s * O } : nil,
                                 regression: trace.isRegression, into: dl)
                    if L.hasHead {
                        Kernels.addOuter(dl, f + s * F, acc + L.headWeight, rows: O, cols: F)
                        for k in 0..<O { acc[L.headBias + k] += dl[k] }
                        Kernels.addMatTVec(p + L.headWeight, dl, dF + s * F, rows: O, cols: F)
                    } else {
                        for k in 0..<O { dF[s * F + k] += dl[k] }
                    }
                }
            }}}}}}}}
        }
        var layers = [Gradients?](repeating: nil, count: numLayers * D)
        for l in stride(from: numLayers - 1, through: 0, by: -1) {
            let inSize = L.layerInputSize(l)
            var dIn = [Double](repeating: 0, count: T * inSize)
            for d in 0..<D {
                let index = l * D + d
                var outside = [Double](repeating: 0, count: T * H)
                for s in 0..<T {
                    let t0 = d == 0 ? s : T - 1 - s
                    for u in 0..<H { outside[s * H + u] = dAbove[t0 * F + d * H + u] }
                }
                let sub = layer(l, direction: Direction(rawValue: d) ?? .forward)
                let gs = sub.backward(trace.layerTraces[index], seedHidden: seedHiddens?[index],
                                      seedCell: hasCell ? seedCells?[index] : nil, outsideHidden: outside,
                                      inputGradients: true, includeLoss: false)
                let range = L.layerRange(l, direction: d)
                g.parameters.replaceSubrange(range, with: gs.parameters)
                for s in 0..<T {
                    let t0 = d == 0 ? s : T - 1 - s
                    for j in 0..<inSize { dIn[t0 * inSize + j] += gs.inputs[s * inSize + j] }
                }
                layers[index] = gs
            }
            dAbove = dIn
        }
        let all = layers.compactMap { $0 }
        g.inputs = dAbove
        g.hidden = all[0].hidden
        g.cell = all[0].cell
        g.initialHidden = all[0].initialHidden
        g.initialCell = all[0].initialCell
        g.layerGradients = all
    }

    /// The logits the head gives at step t from one direction alone: its half of head.weight times that
    /// direction's top-layer state, plus the bias (the other direction's half left out). What one side
    /// of a bidirectional network would say by itself; both halves' shares plus the bias sum to the logits.
    public func halfLogits(_ trace: Trace, direction d: Direction, at t: Int) -> [Double] {
        let H = hiddenSize, D = directions, F = layout.featureSize
        let h = trace.hidden(layer: numLayers - 1, direction: d, at: t)
        guard layout.hasHead else {
            var z = [Double](repeating: 0, count: D * H)
            for u in 0..<H { z[d.rawValue * H + u] = h[u] }
            return z
        }
        return (0..<outputSize).map { k in
            var acc = headBias(k)
            for u in 0..<H { acc += parameters[layout.headWeight + k * F + d.rawValue * H + u] * h[u] }
            return acc
        }
    }

    /// softmax of `halfLogits`: the output distribution from one direction alone.
    public func halfProbabilities(_ trace: Trace, direction d: Direction, at t: Int) -> [Double] {
        softmax(halfLogits(trace, direction: d, at: t))
    }
}

extension Trace {
    /// The trace of layer l, direction d, in that direction's own step order (a plain model's is itself).
    public func layer(_ l: Int, direction d: Direction = .forward) -> Trace {
        if layerTraces.isEmpty { return self }
        return layerTraces[l * layout.directions + d.rawValue]
    }

    /// The time-t step of a direction's own order: t for forward, T+1−t for reverse.
    public func ownStep(_ t: Int, direction d: Direction) -> Int { d == .forward ? t : steps + 1 - t }

    /// h_t of layer l, direction d at time t (0…T, in time order; 0 is that direction's h₀).
    public func hidden(layer l: Int, direction d: Direction = .forward, at t: Int) -> [Double] {
        layer(l, direction: d).hidden(at: t == 0 ? 0 : ownStep(t, direction: d))
    }

    /// c_t of layer l, direction d at time t (cells with a cell state).
    public func cell(layer l: Int, direction d: Direction = .forward, at t: Int) -> [Double]? {
        layer(l, direction: d).cell(at: t == 0 ? 0 : ownStep(t, direction: d))
    }

    /// Layer l's output at time t: h_t, or [h_fwd_t ; h_bwd_t] when bidirectional.
    public func output(layer l: Int, at t: Int) -> [Double] {
        (0..<layout.directions).flatMap { hidden(layer: l, direction: Direction(rawValue: $0) ?? .forward, at: t) }
    }

    /// What the read-out read at time t: the top layer's output.
    public func feature(at t: Int) -> [Double] { output(layer: layout.numLayers - 1, at: t) }

    /// The final state h_n of every (layer, direction), PyTorch's order (a reverse direction's ends at time 1).
    public var finalHidden: [[Double]] {
        if layerTraces.isEmpty { return [hidden(at: steps)] }
        return layerTraces.map { $0.hidden(at: $0.steps) }
    }

    /// The final cell state c_n of every (layer, direction) (zeros without a cell state).
    public var finalCell: [[Double]] {
        let all = layerTraces.isEmpty ? [self] : layerTraces
        return all.map { $0.cell(at: $0.steps) ?? [Double](repeating: 0, count: layout.hiddenSize) }
    }

    /// An encoder–decoder's encoder run (this trace being the decoder's).
    public var encoder: Trace? { encoderStorage.first }
}

extension Gradients {
    /// The gradients of layer l, direction d (in that direction's own step order; a plain model's are these).
    public func layer(_ l: Int, direction d: Direction = .forward) -> Gradients {
        if layerGradients.isEmpty { return self }
        return layerGradients[l * layout.directions + d.rawValue]
    }

    /// ∂L/∂h_t in total for layer l, direction d, at time t (1…T).
    public func hidden(layer l: Int, direction d: Direction = .forward, at t: Int) -> [Double] {
        layer(l, direction: d).hidden(at: d == .forward ? t : steps + 1 - t)
    }

    /// ∂L/∂h₀ of every (layer, direction).
    public var initialHiddens: [[Double]] { layerGradients.isEmpty ? [initialHidden] : layerGradients.map(\.initialHidden) }
    /// ∂L/∂c₀ of every (layer, direction) (zeros without a cell state).
    public var initialCells: [[Double]] { layerGradients.isEmpty ? [initialCell] : layerGradients.map(\.initialCell) }

    /// An encoder–decoder's encoder gradients (these being the decoder's).
    public var encoder: Gradients? { encoderStorage.first }
}
