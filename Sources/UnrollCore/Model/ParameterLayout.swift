/// Where each parameter tensor lives in a model's flat parameter vector.
///
/// Order: the cell's tensors (`weight_ih_l0` (G·H × I), `weight_hh_l0` (G·H × H), `bias_ih_l0` (G·H),
/// `bias_hh_l0` (G·H), then its own, e.g. peepholes), then, with a read-out, `head.weight` (O × H)
/// and `head.bias` (O). Matrices are row-major,
/// exactly PyTorch's `state_dict` layout, so a gradient vector has the same shape as the parameters.
public struct ParameterLayout: Equatable, Hashable, Sendable {
    /// The recurrent cell the parameters feed.
    public let cell: any RecurrentCell
    /// The cell's name in files and traces.
    public var kind: CellKind { cell.kind }
    /// I
    public let inputSize: Int
    /// H
    public let hiddenSize: Int
    /// O: the head's rows, or H without a head.
    public let outputSize: Int
    public let hasHead: Bool

    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool) {
        self.init(cell: kind.standardCell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead)
    }

    public init(cell: any RecurrentCell, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool) {
        self.cell = cell
        cellType = ObjectIdentifier(type(of: cell))
        gateRows = cell.gateCount * hiddenSize
        cellExtraCount = cell.extraTensors(hiddenSize: hiddenSize).reduce(0) { $0 + $1.count }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.hasHead = hasHead
        self.outputSize = hasHead ? (outputSize ?? hiddenSize) : hiddenSize
    }

    /// Scalars in the cell's own tensors.
    let cellExtraCount: Int
    /// The cell's type: cells are values without state, so their type tells them apart.
    let cellType: ObjectIdentifier

    public static func == (a: ParameterLayout, b: ParameterLayout) -> Bool {
        a.cellType == b.cellType && a.inputSize == b.inputSize && a.hiddenSize == b.hiddenSize
            && a.outputSize == b.outputSize && a.hasHead == b.hasHead
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(cellType)
        hasher.combine(inputSize)
        hasher.combine(hiddenSize)
        hasher.combine(outputSize)
        hasher.combine(hasHead)
    }

    /// G·H: rows of the stacked gate matrices (stored: the drivers read the offsets in their loops).
    public let gateRows: Int

    public var weightIH: Int { 0 }
    public var weightHH: Int { gateRows * inputSize }
    public var biasIH: Int { weightHH + gateRows * hiddenSize }
    public var biasHH: Int { biasIH + gateRows }
    /// Where the cell's own tensors begin.
    public var cellExtra: Int { biasHH + gateRows }
    public var headWeight: Int { cellExtra + cellExtraCount }
    public var headBias: Int { headWeight + (hasHead ? outputSize * hiddenSize : 0) }
    /// Total number of scalars.
    public var count: Int { headBias + (hasHead ? outputSize : 0) }

    /// One named tensor of the layout.
    public struct Tensor: Equatable, Sendable {
        public let name: String
        public let offset: Int
        /// Rows × columns; columns is nil for a vector.
        public let rows: Int
        public let columns: Int?
        public var count: Int { rows * (columns ?? 1) }
    }

    /// The tensors in `state_dict` order, with their shapes.
    public var tensors: [Tensor] {
        var t: [Tensor] = []
        var offset = 0
        for shape in cell.tensors(inputSize: inputSize, hiddenSize: hiddenSize) {
            t.append(Tensor(name: shape.name, offset: offset, rows: shape.rows, columns: shape.columns))
            offset += shape.count
        }
        if hasHead {
            t.append(Tensor(name: "head.weight", offset: headWeight, rows: outputSize, columns: hiddenSize))
            t.append(Tensor(name: "head.bias", offset: headBias, rows: outputSize, columns: nil))
        }
        return t
    }

    /// The tensor named `name`, if the layout has it.
    public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }
}
