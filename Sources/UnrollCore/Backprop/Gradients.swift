/// The result of backpropagation through time: ∂L/∂θ, the totals ∂L/∂h_t and ∂L/∂c_t, and
/// (when recorded) each step's share of every parameter's gradient.
public struct Gradients: Sendable {
    public let layout: ParameterLayout
    /// ∂L/∂θ in `layout` order (the same shape as `RecurrentModel.parameters`).
    public internal(set) var parameters: [Double]
    /// T × H: ∂L/∂h_t in total (through the read-out at t and through every later step).
    public internal(set) var hidden: [Double]
    /// T × H: ∂L/∂c_t in total (cells with a cell state, else empty).
    public internal(set) var cell: [Double]
    /// T × P when recorded: the part of ∂L/∂θ that comes from the copy of θ used at step t.
    /// The steps' shares sum to `parameters`.
    public internal(set) var stepShares: [Double]?
    /// T × I when requested: ∂L/∂x_t (what a layer below, or an embedding, receives).
    public internal(set) var inputs: [Double]
    /// H: ∂L/∂h₀ (what set the initial state receives).
    public internal(set) var initialHidden: [Double]
    /// H: ∂L/∂c₀ (zeros without a cell state).
    public internal(set) var initialCell: [Double]
    public internal(set) var steps: Int
    /// A network of several layers or directions: every (layer, direction)'s own gradients, index l·D + d
    /// (empty for a plain model). `hidden`, `cell` and the initial states above are layer 0's forward ones.
    public internal(set) var layerGradients: [Gradients] = []
    /// An encoder–decoder's encoder gradients, stored out of line; empty otherwise.
    var encoderStorage: [Gradients] = []

    public init(layout: ParameterLayout) {
        self.layout = layout
        parameters = [Double](repeating: 0, count: layout.count)
        hidden = []
        cell = []
        stepShares = nil
        inputs = []
        initialHidden = [Double](repeating: 0, count: layout.hiddenSize)
        initialCell = [Double](repeating: 0, count: layout.hiddenSize)
        steps = 0
    }

    /// ∂L/∂x_t (1-based t), when input gradients were requested.
    public func input(at t: Int) -> [Double] {
        let I = layout.inputSize
        return Array(inputs[((t - 1) * I)..<(t * I)])
    }

    /// ∂L/∂h_t (1-based t).
    public func hidden(at t: Int) -> [Double] {
        let H = layout.hiddenSize
        return Array(hidden[((t - 1) * H)..<(t * H)])
    }

    /// ∂L/∂c_t (1-based t), cells with a cell state only.
    public func cell(at t: Int) -> [Double]? {
        guard layout.cell.hasCellState else { return nil }
        let H = layout.hiddenSize
        return Array(cell[((t - 1) * H)..<(t * H)])
    }

    /// The gradient of parameter index `k` contributed by step t, when shares were recorded.
    public func share(ofParameter k: Int, at t: Int) -> Double? {
        stepShares.map { $0[(t - 1) * layout.count + k] }
    }

    /// The Euclidean norm of the whole parameter gradient.
    public var norm: Double {
        var s = 0.0
        for g in parameters { s += g * g }
        return s.squareRoot()
    }

    /// The gradient of one named tensor as rows (a vector is one row).
    public func tensor(named name: String) -> [[Double]]? {
        guard let t = layout.tensor(named: name) else { return nil }
        let cols = t.columns ?? t.rows
        let rows = t.columns == nil ? 1 : t.rows
        return (0..<rows).map { r in Array(parameters[(t.offset + r * cols)..<(t.offset + (r + 1) * cols)]) }
    }
}
