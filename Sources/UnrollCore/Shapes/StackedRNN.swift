/// A multi-layer, optionally bidirectional recurrent network with a read-out, exactly as
/// `torch.nn.RNN/LSTM/GRU(num_layers=L, bidirectional=B)` followed by an `nn.Linear` named `head`.
///
/// Layer 0 reads the input; layer l ≥ 1 reads layer l−1's output sequence. A layer's output at step t is
/// its hidden state h_t, or [h_fwd_t ; h_bwd_t] (2H) when bidirectional, where the reverse direction runs
/// from step T down to 1. The head reads the top layer's output. Parameters use PyTorch's names and order:
/// `weight_ih_l0`, `weight_hh_l0`, `bias_ih_l0`, `bias_hh_l0`, then `…_l0_reverse`, then `…_l1`, …,
/// then `head.weight`, `head.bias`. Each (layer, direction) is a headless `RecurrentModel`, so every step
/// runs through the same forward code as a plain model, and gradients come from `backpropagate`.
public struct StackedRNN: Sendable, Equatable {
    public let kind: CellKind
    public let nonlinearity: Nonlinearity
    /// I: the size of the input at each step.
    public let inputSize: Int
    /// H: the hidden size of every layer and direction.
    public let hiddenSize: Int
    /// L ≥ 1.
    public let numLayers: Int
    public let bidirectional: Bool
    /// One headless layer per (layer l, direction d), at index l·D + d (PyTorch's order).
    public var cells: [RecurrentModel]
    /// The read-out over the top layer's output (O × D·H); nil: the output is the top layer's output itself.
    public var head: ReadOut?
    /// Names of the I input positions (and of the outputs when O == vocab.count).
    public var vocab: [String]?
    /// Optional names for the H hidden units (the same in every layer and direction).
    public var hiddenLabels: [String]?
    public var name: String?
    public var description: String?

    /// D: 2 when bidirectional, else 1.
    public var directions: Int { bidirectional ? 2 : 1 }
    /// D·H: the size of a layer's output, and what the head reads.
    public var featureSize: Int { directions * hiddenSize }
    /// O: the head's rows, or D·H without a head.
    public var outputSize: Int { head?.outputSize ?? featureSize }
    public var hasHead: Bool { head != nil }

    /// A network with all parameters zero.
    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bidirectional: Bool = false,
                outputSize: Int? = nil, hasHead: Bool = true, nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil) {
        self.init(cell: kind.standardCell, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                  bidirectional: bidirectional, outputSize: outputSize, hasHead: hasHead, nonlinearity: nonlinearity, vocab: vocab)
    }

    /// A network of `cell` layers with all parameters zero.
    public init(cell: any RecurrentCell, inputSize: Int, hiddenSize: Int, numLayers: Int = 1, bidirectional: Bool = false,
                outputSize: Int? = nil, hasHead: Bool = true, nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil) {
        precondition(numLayers >= 1, "a stack needs at least one layer")
        self.kind = cell.kind
        self.nonlinearity = cell.takesNonlinearity ? nonlinearity : .tanh
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.numLayers = numLayers
        self.bidirectional = bidirectional
        let D = bidirectional ? 2 : 1
        var cells: [RecurrentModel] = []
        for l in 0..<numLayers {
            for _ in 0..<D {
                cells.append(RecurrentModel(cell: cell, inputSize: l == 0 ? inputSize : D * hiddenSize, hiddenSize: hiddenSize,
                                            hasHead: false, nonlinearity: self.nonlinearity))
            }
        }
        self.cells = cells
        head = hasHead ? ReadOut(inputSize: D * hiddenSize, outputSize: outputSize ?? D * hiddenSize) : nil
        self.vocab = vocab
    }

    /// A one-layer, one-direction stack with the weights, head and names of a plain model: the same network.
    public init(_ plain: RecurrentModel) {
        self.init(cell: plain.cell, inputSize: plain.inputSize, hiddenSize: plain.hiddenSize, outputSize: plain.outputSize,
                  hasHead: plain.layout.hasHead, nonlinearity: plain.nonlinearity, vocab: plain.vocab)
        let L = plain.layout
        cells[0].parameters = Array(plain.parameters[0..<L.headWeight])
        if L.hasHead {
            head?.weight = Array(plain.parameters[L.headWeight..<L.headBias])
            head?.bias = Array(plain.parameters[L.headBias..<L.count])
        }
        hiddenLabels = plain.hiddenLabels
        name = plain.name
        description = plain.description
    }

    /// The plain model of a one-layer, one-direction stack (nil otherwise).
    public var plain: RecurrentModel? {
        guard numLayers == 1, !bidirectional else { return nil }
        var m = RecurrentModel(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead,
                               nonlinearity: nonlinearity, vocab: vocab)
        m.parameters = parameters
        m.hiddenLabels = hiddenLabels
        m.name = name
        m.description = description
        return m
    }

    /// The layer of layer l (0-based, as in `_l0`) and direction d.
    public func cell(layer l: Int, direction d: Direction = .forward) -> RecurrentModel { cells[l * directions + d.rawValue] }

    /// Whether `vocab` names the outputs (O equals the vocabulary size).
    public var vocabCoversOutputs: Bool { vocab?.count == outputSize }
    /// The index of `token` in the vocabulary.
    public func tokenIndex(_ token: String) -> Int? { vocab?.firstIndex(of: token) }
    /// A label for output class `k`: its vocabulary word (when the vocabulary covers the outputs) or `y[k]`.
    public func outputLabel(_ k: Int) -> String {
        if vocabCoversOutputs, let v = vocab { return v[k] }
        return "y[\(k)]"
    }

    // MARK: Parameters

    /// The suffix of layer l, direction d in PyTorch's names: `_l1`, `_l0_reverse`.
    public static func suffix(layer l: Int, direction d: Direction) -> String { "_l\(l)" + d.suffix }

    /// Every tensor in `state_dict` order, with its offset in `parameters` and its shape.
    public var tensors: [ParameterLayout.Tensor] {
        var out: [ParameterLayout.Tensor] = []
        var offset = 0
        for l in 0..<numLayers {
            for d in 0..<directions {
                let c = cells[l * directions + d], sfx = Self.suffix(layer: l, direction: Direction(rawValue: d) ?? .forward)
                for t in c.layout.tensors {
                    // weight_ih_l0 → weight_ih + suffix.
                    let base = String(t.name.dropLast(3))
                    out.append(ParameterLayout.Tensor(name: base + sfx, offset: offset + t.offset, rows: t.rows, columns: t.columns))
                }
                offset += c.layout.count
            }
        }
        if let head {
            out.append(ParameterLayout.Tensor(name: "head.weight", offset: offset, rows: head.outputSize, columns: head.inputSize))
            out.append(ParameterLayout.Tensor(name: "head.bias", offset: offset + head.weight.count, rows: head.outputSize, columns: nil))
        }
        return out
    }

    /// The tensor named `name`, if the network has it.
    public func tensor(named name: String) -> ParameterLayout.Tensor? { tensors.first { $0.name == name } }

    /// The number of scalars.
    public var parameterCount: Int { cells.reduce(0) { $0 + $1.layout.count } + (head.map { $0.weight.count + $0.bias.count } ?? 0) }

    /// Every weight and bias as one vector in `tensors` order (what a gradient vector lines up with).
    public var parameters: [Double] {
        get {
            var out: [Double] = []
            out.reserveCapacity(parameterCount)
            for c in cells { out += c.parameters }
            if let head { out += head.weight; out += head.bias }
            return out
        }
        set {
            precondition(newValue.count == parameterCount, "expected \(parameterCount) parameters")
            var k = 0
            for i in cells.indices {
                let n = cells[i].layout.count
                cells[i].parameters = Array(newValue[k..<(k + n)])
                k += n
            }
            if let h = head {
                head?.weight = Array(newValue[k..<(k + h.weight.count)])
                k += h.weight.count
                head?.bias = Array(newValue[k..<(k + h.bias.count)])
            }
        }
    }

    /// PyTorch's default initialisation: every recurrent parameter uniform in ±1/√H; the head (an
    /// `nn.Linear` reading D·H values) uniform in ±1/√(D·H), weights and biases alike. `state_dict` order.
    public mutating func initialise(using rng: inout SeededRandom) {
        let bound = 1 / Double(hiddenSize).squareRoot()
        for i in cells.indices {
            for k in cells[i].parameters.indices { cells[i].parameters[k] = rng.uniform(-bound, bound) }
        }
        if head != nil {
            let hb = 1 / Double(featureSize).squareRoot()
            for k in 0..<(head?.weight.count ?? 0) { head?.weight[k] = rng.uniform(-hb, hb) }
            for k in 0..<(head?.bias.count ?? 0) { head?.bias[k] = rng.uniform(-hb, hb) }
        }
    }

    // MARK: Running

    /// Runs the network over a sequence.
    ///
    /// - Parameters:
    ///   - targets: T target classes (nil at steps without one) for the read-out's loss.
    ///   - initialHidden: h₀ of every (layer, direction), PyTorch's order (index l·D + d); zeros when nil.
    ///     A reverse direction's h₀ is its state before step T.
    ///   - initialCell: c₀ likewise (LSTM).
    /// - Complexity: L·D runs of a plain layer, plus O(T · O · D·H) for the head.
    public func forward(_ input: SequenceInput, targets: [Int?]? = nil, initialHidden: [[Double]]? = nil,
                        initialCell: [[Double]]? = nil) -> StackedTrace {
        precondition(input.inputSize == inputSize, "input size \(input.inputSize), network expects \(inputSize)")
        let T = input.count, D = directions, H = hiddenSize
        var traces: [Trace] = []
        var layerInput = input
        for l in 0..<numLayers {
            var output = [Double](repeating: 0, count: T * D * H)
            for d in 0..<D {
                let index = l * D + d
                let sequence = d == 0 ? layerInput : layerInput.reversed()
                let trace = cells[index].forward(sequence, initialHidden: initialHidden?[index], initialCell: initialCell?[index])
                for s in 0..<T {
                    let t0 = d == 0 ? s : T - 1 - s
                    for u in 0..<H { output[t0 * D * H + d * H + u] = trace.hiddenStates[s * H + u] }
                }
                traces.append(trace)
            }
            var next = SequenceInput(vectors: [], inputSize: D * H)
            next.values = output
            layerInput = next
        }
        let outputs = OutputTrace(features: layerInput.values, featureSize: D * H, steps: T, head: head, targets: targets)
        return StackedTrace(steps: T, numLayers: numLayers, directions: D, hiddenSize: H, layers: traces, outputs: outputs)
    }

    /// Backpropagation through time through every layer and direction, from the read-out's loss on the
    /// trace's targets (`includeLoss`) and from outside gradients at the final states (`finalHidden`,
    /// `finalCell`, PyTorch's order: what a decoder sends back to its encoder).
    ///
    /// The head's gradient splits into the top layer's directions; each layer's ∂L/∂x_t is the next layer
    /// down's outside gradient (summed over the directions that read it).
    public func backward(_ trace: StackedTrace, finalHidden: [[Double]]? = nil, finalCell: [[Double]]? = nil,
                         includeLoss: Bool = true) -> StackedGradients {
        let T = trace.steps, D = directions, H = hiddenSize
        let readOut = includeLoss ? trace.outputs.backward(head: head)
            : ([Double](repeating: 0, count: T * D * H), [Double](repeating: 0, count: head.map { $0.weight.count } ?? 0),
               [Double](repeating: 0, count: head.map { $0.bias.count } ?? 0))
        var layerGradients = [LayerGradients?](repeating: nil, count: cells.count)
        var dAbove = readOut.0
        for l in stride(from: numLayers - 1, through: 0, by: -1) {
            let inSize = l == 0 ? inputSize : D * H
            var dIn = [Double](repeating: 0, count: T * inSize)
            for d in 0..<D {
                let index = l * D + d
                var outside = [Double](repeating: 0, count: T * H)
                for s in 0..<T {
                    let t0 = d == 0 ? s : T - 1 - s
                    for u in 0..<H { outside[s * H + u] = dAbove[t0 * D * H + d * H + u] }
                }
                let g = cells[index].backpropagate(trace.layers[index], outsideHidden: outside, finalHidden: finalHidden?[index],
                                                   finalCell: cells[index].cell.hasCellState ? finalCell?[index] : nil)
                for s in 0..<T {
                    let t0 = d == 0 ? s : T - 1 - s
                    for j in 0..<inSize { dIn[t0 * inSize + j] += g.inputs[s * inSize + j] }
                }
                layerGradients[index] = g
            }
            dAbove = dIn
        }
        let layers = layerGradients.compactMap { $0 }
        var flat: [Double] = []
        flat.reserveCapacity(parameterCount)
        for g in layers { flat += g.parameters }
        if head != nil { flat += readOut.1; flat += readOut.2 }
        return StackedGradients(tensors: tensors, parameters: flat, layers: layers, inputs: dAbove, steps: T,
                                numLayers: numLayers, directions: D, hiddenSize: H, inputSize: inputSize)
    }
}

/// Everything a run of a `StackedRNN` computed: one plain `Trace` per (layer, direction) and the read-out.
public struct StackedTrace: Sendable {
    /// T
    public let steps: Int
    public let numLayers: Int
    /// D
    public let directions: Int
    /// H
    public let hiddenSize: Int
    /// One trace per (layer l, direction d) at index l·D + d. A reverse direction's trace runs over the
    /// reversed sequence: its step s is time T+1−s.
    public let layers: [Trace]
    /// The head's run over the top layer's output.
    public let outputs: OutputTrace

    /// The trace of layer l, direction d (in that direction's own step order).
    public func trace(layer l: Int, direction d: Direction = .forward) -> Trace { layers[l * directions + d.rawValue] }

    /// The time-t step of a direction's own order: t for forward, T+1−t for reverse.
    public func ownStep(_ t: Int, direction d: Direction) -> Int { d == .forward ? t : steps + 1 - t }

    /// h_t of layer l, direction d at time t (1…T, in time order).
    public func hidden(layer l: Int, direction d: Direction = .forward, at t: Int) -> [Double] {
        trace(layer: l, direction: d).hidden(at: ownStep(t, direction: d))
    }

    /// c_t of layer l, direction d at time t (LSTM).
    public func cell(layer l: Int, direction d: Direction = .forward, at t: Int) -> [Double]? {
        trace(layer: l, direction: d).cell(at: ownStep(t, direction: d))
    }

    /// Layer l's output at time t: h_t, or [h_fwd_t ; h_bwd_t] when bidirectional.
    public func output(layer l: Int, at t: Int) -> [Double] {
        (0..<directions).flatMap { hidden(layer: l, direction: Direction(rawValue: $0) ?? .forward, at: t) }
    }

    /// The final state h_n of every (layer, direction), PyTorch's order (a reverse direction's ends at time 1).
    public var finalHidden: [[Double]] { layers.map { $0.hidden(at: $0.steps) } }
    /// The final cell state c_n of every (layer, direction) (LSTM; zeros otherwise).
    public var finalCell: [[Double]] { layers.map { $0.cell(at: $0.steps) ?? [Double](repeating: 0, count: hiddenSize) } }

    /// logits_t of the read-out.
    public func logits(at t: Int) -> [Double] { outputs.logits(at: t) }
    /// probs_t of the read-out.
    public func probabilities(at t: Int) -> [Double] { outputs.probabilities(at: t) }
    /// The arg-max class at step t.
    public func predicted(at t: Int) -> Int { outputs.predicted(at: t) }
    /// The cross-entropy at step t, nil without a target.
    public func loss(at t: Int) -> Double? { outputs.loss(at: t) }
    /// The summed cross-entropy over the steps with a target.
    public var totalLoss: Double? { outputs.totalLoss }
}

/// ∂L/∂θ of a `StackedRNN` (in its `tensors` order), with each layer's own gradients.
public struct StackedGradients: Sendable {
    /// The network's tensors: where each parameter's gradient lives in `parameters`.
    public let tensors: [ParameterLayout.Tensor]
    /// ∂L/∂θ, lined up with `StackedRNN.parameters`.
    public internal(set) var parameters: [Double]
    /// Per (layer, direction), index l·D + d, in that direction's own step order.
    public let layers: [LayerGradients]
    /// T × I: ∂L/∂x_t.
    public let inputs: [Double]
    public let steps: Int
    public let numLayers: Int
    public let directions: Int
    public let hiddenSize: Int
    public let inputSize: Int

    /// The gradient of one named tensor as rows (a vector is one row).
    public func tensor(named name: String) -> [[Double]]? {
        guard let t = tensors.first(where: { $0.name == name }) else { return nil }
        let cols = t.columns ?? t.rows
        let rows = t.columns == nil ? 1 : t.rows
        return (0..<rows).map { r in Array(parameters[(t.offset + r * cols)..<(t.offset + (r + 1) * cols)]) }
    }

    /// ∂L/∂h_t in total for layer l, direction d, at time t (1…T).
    public func hidden(layer l: Int, direction d: Direction = .forward, at t: Int) -> [Double] {
        layers[l * directions + d.rawValue].hidden(at: d == .forward ? t : steps + 1 - t)
    }

    /// ∂L/∂x_t (1-based time).
    public func input(at t: Int) -> [Double] { Array(inputs[((t - 1) * inputSize)..<(t * inputSize)]) }

    /// ∂L/∂h₀ of every (layer, direction).
    public var initialHidden: [[Double]] { layers.map(\.initialHidden) }
    /// ∂L/∂c₀ of every (layer, direction) (zeros unless LSTM).
    public var initialCell: [[Double]] { layers.map(\.initialCell) }

    /// The Euclidean norm of the whole parameter gradient.
    public var norm: Double { parameters.reduce(0) { $0 + $1 * $1 }.squareRoot() }
}
