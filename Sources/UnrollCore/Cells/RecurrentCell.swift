/// A recurrent cell: its tensors, state, gates, per-step cache, and its forward and backward step.
///
/// The drivers (forward, BPTT, the Jacobians, explain, the codec) know no specific cell: they
/// compute the shared products `W_ih x + b_ih` and `W_hh h_{t−1} + b_hh` over the cell's G·H gate
/// rows, hand one step's memory to the cell, and accumulate the outer products of what the cell
/// sends back. Everything else about a cell lives in its conformer. To add a cell: write a
/// conformer, test it, and list it in `RecurrentCells.registered`.
public protocol RecurrentCell: Sendable {
    /// The `cell` name of the model and trace formats (a peephole LSTM is still an `lstm`).
    var kind: CellKind { get }
    /// The boolean keys of the model format that select this cell among those of its `kind`
    /// (`["peephole"]`); empty for the plain cell.
    var fileFlags: [String] { get }
    /// A human name for headings ("LSTM", "peephole LSTM").
    var displayName: String { get }
    /// The gates in PyTorch's row-block order, with their symbols and Rohrer's names (empty for the Elman RNN).
    var gates: [GateSpec] { get }
    /// G: how many H-row blocks the stacked weight matrices have (at least 1).
    var gateCount: Int { get }
    /// Whether the state is (h, c) rather than h alone.
    var hasCellState: Bool { get }
    /// Whether gates see the cell state directly (peepholes), for diagrams and explanations.
    var gatesSeeCellState: Bool { get }
    /// Which gates see the cell state, and whether c_{t−1} or c_t (a peephole LSTM's taps); empty for most cells.
    var cellStateTaps: [CellStateTap] { get }
    /// Whether the model format's `nonlinearity` key applies (the Elman RNN's φ).
    var takesNonlinearity: Bool { get }
    /// The cell's own tensors after the four standard ones (`weight_ih_l0` … `bias_hh_l0`), e.g. peepholes.
    func extraTensors(hiddenSize H: Int) -> [TensorShape]
    /// Per-step cache the backward pass needs, in blocks of H values (tanh(c_t), W_hn h + b_hn, …).
    var cacheBlocks: Int { get }

    /// One step forward: from `ih` and `hh`, the pre-activations, gates (clamps applied), state and cache.
    func forward(_ step: CellForwardStep)
    /// One step backward: from ∂L/∂h_t (and ∂L/∂c_t arriving from t+1), the gradients at `ih` and `hh`,
    /// the direct parts of ∂L/∂h_{t−1} and ∂L/∂c_{t−1}, ∂L/∂c_t in total, and the cell's own parameters'.
    func backward(_ step: CellBackwardStep)

    /// Runs the forward step loop with this cell's type known, so the loop is specialised for it.
    /// The default runs the shared driver; a cell does not implement it.
    func runForward(_ model: RecurrentModel, clampValues: [Double], into trace: inout Trace)
    /// Runs the backward step loop with this cell's type known (the default runs the shared driver).
    func runBackward(_ model: RecurrentModel, _ trace: Trace, _ options: BackwardOptions, into g: inout Gradients,
                     shares: inout [Double], scratch: inout [Double])

    /// Runs the batched-rows backward loop (`RecurrentModel.backwardRows`) with this cell's type known
    /// (the default runs the shared driver).
    func runBackwardRows(_ model: RecurrentModel, _ trace: Trace, rows: inout [Double], count: Int,
                         visit: (Int, UnsafePointer<Double>) -> Void)

    /// Runs a batch's forward loop (`RecurrentModel.forward(_:into:)` of a `SequenceBatch`) with this
    /// cell's type known (the default runs the shared driver).
    func runBatchedForward(_ model: RecurrentModel, into batch: inout SequenceBatch)
    /// Runs a batch's backward loop with this cell's type known (the default runs the shared driver).
    func runBatchedBackward(_ model: RecurrentModel, _ batch: inout SequenceBatch)

    /// How the gate `block`'s unit `u` at step t is explained beyond W_ih x + b_ih + W_hh h + b_hh:
    /// a factor on the hidden-side sum and extra terms (a peephole's w ⊙ c).
    func gateExplanation(block: Int, unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel)
        -> (hiddenFactor: Double, extraTerms: [Explanation.Term])
    /// How h_t's unit `u` is explained.
    func hiddenExplanation(unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel) -> HiddenExplanation
}

/// How a cell explains its hidden state.
public enum HiddenExplanation: Sendable {
    /// h is an activation of gate row `row`'s pre-activation (the Elman RNN).
    case activation(row: Int, name: String)
    /// h is a sum of these products.
    case terms([Explanation.Term])
}

/// A gate of a cell: which gate, its symbol in the equations, its activation and its Rohrer name.
public struct GateSpec: Sendable, Equatable {
    public let gate: Gate
    /// The one-letter symbol (i, f, g, o; r, z, n).
    public let symbol: String
    /// Whether the activation is tanh (candidates) rather than σ.
    public let isTanh: Bool
    /// Rohrer's name for the gate in this cell ("prediction", "ignoring", "forgetting", "selection"
    /// for the LSTM's four networks); nil where he names none (the GRU).
    public let rohrerName: String?
    /// A one-word heading for tables ("ignore", "predict"; the GRU's candidate is "new").
    public let shortName: String

    public init(_ gate: Gate, symbol: String, isTanh: Bool = false, rohrerName: String? = nil, shortName: String? = nil) {
        self.gate = gate
        self.symbol = symbol
        self.isTanh = isTanh
        self.rohrerName = rohrerName
        self.shortName = shortName ?? gate.rawValue
    }

    /// The gate's name as the trace format and the screens write it (`forget`, `candidate`).
    public var name: String { gate.rawValue }
    /// "σ" or "tanh".
    public var activationName: String { isTanh ? "tanh" : "σ" }
}

/// A gate that sees the cell state directly: c_{t−1} (`current` false) or c_t.
public struct CellStateTap: Sendable, Equatable {
    public let gate: Gate
    public let current: Bool

    public init(_ gate: Gate, current: Bool) {
        self.gate = gate
        self.current = current
    }
}

/// The name and shape of one tensor, as in a PyTorch `state_dict`.
public struct TensorShape: Sendable, Equatable {
    public let name: String
    public let rows: Int
    /// nil for a vector.
    public let columns: Int?

    public init(name: String, rows: Int, columns: Int?) {
        self.name = name
        self.rows = rows
        self.columns = columns
    }

    public var count: Int { rows * (columns ?? 1) }
}

extension RecurrentCell {
    public var fileFlags: [String] { [] }
    public var gateCount: Int { max(1, gates.count) }
    public var takesNonlinearity: Bool { false }
    public var gatesSeeCellState: Bool { !cellStateTaps.isEmpty }
    public var cellStateTaps: [CellStateTap] { [] }
    public func extraTensors(hiddenSize H: Int) -> [TensorShape] { [] }

    public func runForward(_ model: RecurrentModel, clampValues: [Double], into trace: inout Trace) {
        model.forwardSteps(self, clampValues: clampValues, into: &trace)
    }

    public func runBackward(_ model: RecurrentModel, _ trace: Trace, _ options: BackwardOptions, into g: inout Gradients,
                            shares: inout [Double], scratch: inout [Double]) {
        model.backwardSteps(self, trace, options, into: &g, shares: &shares, scratch: &scratch)
    }

    public func runBackwardRows(_ model: RecurrentModel, _ trace: Trace, rows: inout [Double], count: Int,
                                visit: (Int, UnsafePointer<Double>) -> Void) {
        model.backwardRowSteps(self, trace, rows: &rows, count: count, visit: visit)
    }

    public func runBatchedForward(_ model: RecurrentModel, into batch: inout SequenceBatch) {
        model.batchedForwardSteps(self, into: &batch)
    }

    public func runBatchedBackward(_ model: RecurrentModel, _ batch: inout SequenceBatch) {
        model.batchedBackwardSteps(self, &batch)
    }

    /// A key that tells cells apart (`lstm`, `lstm+peephole`).
    public var identifier: String { ([kind.rawValue] + fileFlags).joined(separator: "+") }

    /// Every tensor of the cell in `state_dict` order: the four standard ones, then its own.
    public func tensors(inputSize I: Int, hiddenSize H: Int) -> [TensorShape] {
        let GH = gateCount * H
        return [
            TensorShape(name: "weight_ih_l0", rows: GH, columns: I),
            TensorShape(name: "weight_hh_l0", rows: GH, columns: H),
            TensorShape(name: "bias_ih_l0", rows: GH, columns: nil),
            TensorShape(name: "bias_hh_l0", rows: GH, columns: nil),
        ] + extraTensors(hiddenSize: H)
    }

    /// Whether the cell has gates (what clamps, gate panels and gate meters need).
    public var isGated: Bool { !gates.isEmpty }

    /// The state vectors' names: `h`, then `c` when the cell carries one.
    public var stateNames: [String] { hasCellState ? ["h", "c"] : ["h"] }

    /// The state as the screens and the command line write it: `h_t` or `(h_t, c_t)`.
    public var stateTuple: String { hasCellState ? "(" + stateNames.map { $0 + "_t" }.joined(separator: ", ") + ")" : "h_t" }

    /// The plain gate list, in row-block order.
    public var gateList: [Gate] { gates.map(\.gate) }

    /// The row block of `gate`, or nil when the cell has no such gate.
    public func block(of gate: Gate) -> Int? { gates.firstIndex { $0.gate == gate } }

    /// Whether the cell equals `other` (the same type: cells hold no state).
    public func isSame(as other: any RecurrentCell) -> Bool { ObjectIdentifier(type(of: self)) == ObjectIdentifier(type(of: other)) }

    public func gateExplanation(block: Int, unit u: Int, at t: Int, in trace: Trace, model: RecurrentModel)
        -> (hiddenFactor: Double, extraTerms: [Explanation.Term]) { (1, []) }
}

/// The cells Unroll knows: the codec and the command line find cells here.
public enum RecurrentCells {
    /// Every cell, plain cells first.
    public static let registered: [any RecurrentCell] = [
        ElmanCell(), LSTMCell(), GRUCell(),
        PeepholeLSTMCell(),
    ]

    /// The cell of `kind` selected by `flags` (the model format's true boolean keys), if any.
    public static func cell(kind: CellKind, flags: Set<String> = []) -> (any RecurrentCell)? {
        registered.first { $0.kind == kind && Set($0.fileFlags) == flags }
    }

    /// Every boolean key some cell reads from a model file.
    public static var fileFlags: Set<String> { Set(registered.flatMap(\.fileFlags)) }
}
