#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A recurrent network with PyTorch's parameters and layout: L stacked layers, each in one direction or
/// both, an optional embedding below and an optional linear read-out above, and optionally an encoder
/// whose final state starts it (an encoder–decoder). A plain model is one layer in one direction.
///
/// All parameters live in one flat vector (`parameters`) laid out by `layout`, so optimisers,
/// gradient checks and the model-file codec all work on the same contiguous storage. An encoder–decoder's
/// encoder is a network of its own (`encoder`); `networkParameters` joins both.
public struct RecurrentModel: Sendable, Equatable {
    public let layout: ParameterLayout
    public var nonlinearity: Nonlinearity
    /// What a step's input is: a token (one-hot or an embedding row) or a vector of real numbers.
    public var inputKind: InputKind = .tokens
    /// What the read-out means: class logits (cross-entropy) or real-valued predictions (mean squared error).
    public var outputKind: OutputKind = .classes
    /// The encoder of an encoder–decoder (headless, one direction, the same cell, H and layers), stored
    /// out of line; empty otherwise.
    var encoderStorage: [RecurrentModel] = []
    /// Every weight and bias, in `layout` order.
    public var parameters: [Double]
    /// Names of the I input positions (and of the outputs when O == vocab.count).
    public var vocab: [String]?
    /// Optional names for the H hidden units.
    public var hiddenLabels: [String]?
    public var name: String?
    public var description: String?

    public var kind: CellKind { layout.kind }
    /// The recurrent cell.
    public var cell: any RecurrentCell { layout.cell }
    public var inputSize: Int { layout.inputSize }
    public var hiddenSize: Int { layout.hiddenSize }
    public var outputSize: Int { layout.outputSize }
    /// L
    public var numLayers: Int { layout.numLayers }
    public var bidirectional: Bool { layout.bidirectional }
    /// D: 2 when bidirectional, else 1.
    public var directions: Int { layout.directions }
    /// V: how many tokens the input can be (the embedding's rows, else I), for a token model.
    public var tokenCount: Int { layout.embeddingRows ?? inputSize }

    /// A model with all parameters zero.
    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool = true,
                nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil,
                numLayers: Int = 1, bidirectional: Bool = false, embeddingRows: Int? = nil) {
        self.init(cell: kind.standardCell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead,
                  nonlinearity: nonlinearity, vocab: vocab, numLayers: numLayers, bidirectional: bidirectional, embeddingRows: embeddingRows)
    }

    /// A model of `cell` with all parameters zero.
    public init(cell: any RecurrentCell, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool = true,
                nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil,
                numLayers: Int = 1, bidirectional: Bool = false, embeddingRows: Int? = nil) {
        self.init(layout: ParameterLayout(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead,
                                          numLayers: numLayers, bidirectional: bidirectional, embeddingRows: embeddingRows),
                  nonlinearity: nonlinearity, vocab: vocab)
    }

    /// A network of `numLayers` layers (both directions when `bidirectional`) with all parameters zero,
    /// as `torch.nn.RNN/LSTM/GRU(num_layers=L, bidirectional=B)` followed by an `nn.Linear` named `head`.
    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, numLayers: Int, bidirectional: Bool = false,
                outputSize: Int? = nil, hasHead: Bool = true, nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil) {
        self.init(cell: kind.standardCell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead,
                  nonlinearity: kind.standardCell.takesNonlinearity ? nonlinearity : .tanh, vocab: vocab,
                  numLayers: numLayers, bidirectional: bidirectional)
    }

    /// A model of `layout` with all parameters zero.
    public init(layout: ParameterLayout, nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil) {
        self.layout = layout
        self.nonlinearity = nonlinearity
        self.parameters = [Double](repeating: 0, count: layout.count)
        self.vocab = vocab
    }

    /// PyTorch's default initialisation: every recurrent parameter uniform in ±1/√H, the head
    /// (an `nn.Linear` reading D·H values) uniform in ±1/√(D·H) for weights and biases alike, the
    /// embedding as the recurrent parameters; `state_dict` order, the encoder first.
    public mutating func initialise(using rng: inout SeededRandom) {
        if !encoderStorage.isEmpty { encoderStorage[0].initialise(using: &rng) }
        let bound = 1 / Double(hiddenSize).squareRoot()
        let headBound = 1 / Double(layout.featureSize).squareRoot()
        for k in 0..<parameters.count {
            let inHead = k >= layout.headWeight && k < layout.embedding
            parameters[k] = inHead ? rng.uniform(-headBound, headBound) : rng.uniform(-bound, bound)
        }
    }

    /// Whether `vocab` names the outputs (O equals the vocabulary size).
    public var vocabCoversOutputs: Bool { outputKind == .classes && vocab?.count == outputSize }

    /// The index of `token` in the vocabulary.
    public func tokenIndex(_ token: String) -> Int? { vocab?.firstIndex(of: token) }

    /// A label for hidden unit `u`: its `hidden_labels` entry or `h[u]`.
    public func hiddenLabel(_ u: Int) -> String {
        if let labels = hiddenLabels, u < labels.count { return labels[u] }
        return "h[\(u)]"
    }

    /// A label for input position `j`: its vocabulary word or `x[j]`.
    public func inputLabel(_ j: Int) -> String {
        if layout.embeddingRows == nil, let v = vocab, j < v.count { return v[j] }
        return "x[\(j)]"
    }

    /// A label for output class `k`: its vocabulary word (when the vocabulary covers the outputs) or `y[k]`.
    public func outputLabel(_ k: Int) -> String {
        if vocabCoversOutputs, let v = vocab { return v[k] }
        return "y[\(k)]"
    }

    /// Reads parameter `row, col` of the tensor at `offset` with `columns` columns.
    @inline(__always)
    func at(_ offset: Int, _ row: Int, _ col: Int, columns: Int) -> Double { parameters[offset + row * columns + col] }

    /// W_ih[row, col].
    public func weightIH(_ row: Int, _ col: Int) -> Double { at(layout.weightIH, row, col, columns: inputSize) }
    /// W_hh[row, col].
    public func weightHH(_ row: Int, _ col: Int) -> Double { at(layout.weightHH, row, col, columns: hiddenSize) }
    /// b_ih[row].
    public func biasIH(_ row: Int) -> Double { parameters[layout.biasIH + row] }
    /// b_hh[row].
    public func biasHH(_ row: Int) -> Double { parameters[layout.biasHH + row] }
    /// head.weight[row, col] (1 on the diagonal without a head).
    public func headWeight(_ row: Int, _ col: Int) -> Double {
        layout.hasHead ? at(layout.headWeight, row, col, columns: hiddenSize) : (row == col ? 1 : 0)
    }
    /// head.bias[row] (0 without a head).
    public func headBias(_ row: Int) -> Double { layout.hasHead ? parameters[layout.headBias + row] : 0 }

    /// Every tensor of the network in `state_dict` order (an encoder–decoder's with their prefixes).
    public var tensors: [ParameterLayout.Tensor] { networkTensors }

    /// The tensor named `name`, if the network has it.
    public func tensor(named name: String) -> ParameterLayout.Tensor? { networkTensors.first { $0.name == name } }

    /// Sets the tensor named `name` (as in `tensors`) to `values`, row-major.
    public mutating func setTensor(_ name: String, to values: [Double]) {
        guard let t = tensor(named: name) else { preconditionFailure("no tensor \(name)") }
        precondition(values.count == t.count, "\(name) has \(t.count) values, given \(values.count)")
        var all = networkParameters
        all.replaceSubrange(t.offset..<(t.offset + t.count), with: values)
        networkParameters = all
    }

    /// Multiplies every entry of W_hh by `factor` (the spectral radius scales with it).
    public mutating func scaleRecurrentWeights(by factor: Double) {
        let start = layout.weightHH, end = layout.biasIH
        for k in start..<end { parameters[k] *= factor }
    }
}

/// What a step's input is (the model format's `input`).
public enum InputKind: String, Sendable, Equatable, CaseIterable {
    /// A token: the one-hot vector e_k, or row k of `embedding.weight`.
    case tokens
    /// I real numbers (a time series).
    case real
}

/// What a model's read-out means (the model format's `output`).
public enum OutputKind: String, Sendable, Equatable, CaseIterable {
    /// Logits of classes: softmax and cross-entropy.
    case classes
    /// Real-valued predictions: the mean squared error over the O outputs.
    case regression
}
