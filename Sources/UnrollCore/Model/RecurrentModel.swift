#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One recurrent layer plus an optional linear read-out, with PyTorch's parameters and layout.
///
/// All parameters live in one flat vector (`parameters`) laid out by `layout`, so optimisers,
/// gradient checks and the model-file codec all work on the same contiguous storage.
public struct RecurrentModel: Sendable, Equatable {
    public let layout: ParameterLayout
    public var nonlinearity: Nonlinearity
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

    /// A model with all parameters zero.
    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool = true,
                nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil) {
        self.init(cell: kind.standardCell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead,
                  nonlinearity: nonlinearity, vocab: vocab)
    }

    /// A model of `cell` with all parameters zero.
    public init(cell: any RecurrentCell, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool = true,
                nonlinearity: Nonlinearity = .tanh, vocab: [String]? = nil) {
        let layout = ParameterLayout(cell: cell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead)
        self.layout = layout
        self.nonlinearity = nonlinearity
        self.parameters = [Double](repeating: 0, count: layout.count)
        self.vocab = vocab
    }

    /// PyTorch's default initialisation: every recurrent parameter uniform in ±1/√H, the head
    /// (an `nn.Linear`) uniform in ±1/√H for weights and biases alike.
    public mutating func initialise(using rng: inout SeededRandom) {
        let bound = 1 / Double(hiddenSize).squareRoot()
        for k in 0..<parameters.count { parameters[k] = rng.uniform(-bound, bound) }
    }

    /// Whether `vocab` names the outputs (O equals the vocabulary size).
    public var vocabCoversOutputs: Bool { vocab?.count == outputSize }

    /// The index of `token` in the vocabulary.
    public func tokenIndex(_ token: String) -> Int? { vocab?.firstIndex(of: token) }

    /// A label for hidden unit `u`: its `hidden_labels` entry or `h[u]`.
    public func hiddenLabel(_ u: Int) -> String {
        if let labels = hiddenLabels, u < labels.count { return labels[u] }
        return "h[\(u)]"
    }

    /// A label for input position `j`: its vocabulary word or `x[j]`.
    public func inputLabel(_ j: Int) -> String {
        if let v = vocab, j < v.count { return v[j] }
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

    /// Multiplies every entry of W_hh by `factor` (the spectral radius scales with it).
    public mutating func scaleRecurrentWeights(by factor: Double) {
        let start = layout.weightHH, end = layout.biasIH
        for k in start..<end { parameters[k] *= factor }
    }
}
