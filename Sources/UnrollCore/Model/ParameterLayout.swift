/// Where each parameter tensor lives in a network's flat parameter vector.
///
/// Order, PyTorch's `state_dict` order: for each layer l and direction (forward, then `_reverse`) the
/// cell's tensors (`weight_ih_l{l}` (G·H × I_l), `weight_hh_l{l}` (G·H × H), `bias_ih_l{l}` (G·H),
/// `bias_hh_l{l}` (G·H), then its own, e.g. peepholes); then, with a read-out, `head.weight` (O × D·H)
/// and `head.bias` (O); then, with an embedding, `embedding.weight` (V × I). I_0 = I, I_l = D·H above.
/// A plain model is one layer in one direction, so layer 0's offsets (`weightIH` … `cellExtra`) are
/// those of every model. Matrices are row-major, so a gradient vector has the same shape as the parameters.
public struct ParameterLayout: Equatable, Hashable, Sendable {
    /// The recurrent cell the parameters feed (the same in every layer and direction).
    public let cell: any RecurrentCell
    /// The cell's name in files and traces.
    public var kind: CellKind { cell.kind }
    /// I: what layer 0 reads at each step (the embedding's width when there is one).
    public let inputSize: Int
    /// H
    public let hiddenSize: Int
    /// O: the head's rows, or D·H without a head.
    public let outputSize: Int
    public let hasHead: Bool
    /// L ≥ 1: stacked layers (`num_layers`).
    public let numLayers: Int
    /// Whether every layer also runs in reverse (`bidirectional=True`).
    public let bidirectional: Bool
    /// V: the rows of `embedding.weight` (one per token), nil without an embedding.
    public let embeddingRows: Int?

    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool,
                numLayers: Int = 1, bidirectional: Bool = false, embeddingRows: Int? = nil) {
        self.init(cell: kind.standardCell, inputSize: inputSize, hiddenSize: hiddenSize, outputSize: outputSize, hasHead: hasHead,
                  numLayers: numLayers, bidirectional: bidirectional, embeddingRows: embeddingRows)
    }

    public init(cell: any RecurrentCell, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool,
                numLayers: Int = 1, bidirectional: Bool = false, embeddingRows: Int? = nil) {
        precondition(numLayers >= 1, "a network needs at least one layer")
        self.cell = cell
        cellType = ObjectIdentifier(type(of: cell))
        gateRows = cell.gateCount * hiddenSize
        cellExtraCount = cell.extraTensors(hiddenSize: hiddenSize).reduce(0) { $0 + $1.count }
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.hasHead = hasHead
        self.numLayers = numLayers
        self.bidirectional = bidirectional
        self.embeddingRows = embeddingRows
        let D = bidirectional ? 2 : 1
        self.outputSize = hasHead ? (outputSize ?? D * hiddenSize) : D * hiddenSize
        let first = gateRows * (inputSize + hiddenSize + 2) + cellExtraCount
        let above = gateRows * (D * hiddenSize + hiddenSize + 2) + cellExtraCount
        layersEnd = D * first + (numLayers - 1) * D * above
    }

    /// Scalars in the cell's own tensors.
    let cellExtraCount: Int
    /// The cell's type: cells are values without state, so their type tells them apart.
    let cellType: ObjectIdentifier
    /// Where the recurrent layers end (the head begins).
    let layersEnd: Int

    public static func == (a: ParameterLayout, b: ParameterLayout) -> Bool {
        a.cellType == b.cellType && a.inputSize == b.inputSize && a.hiddenSize == b.hiddenSize
            && a.outputSize == b.outputSize && a.hasHead == b.hasHead && a.numLayers == b.numLayers
            && a.bidirectional == b.bidirectional && a.embeddingRows == b.embeddingRows
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(cellType)
        hasher.combine(inputSize)
        hasher.combine(hiddenSize)
        hasher.combine(outputSize)
        hasher.combine(hasHead)
        hasher.combine(numLayers)
        hasher.combine(bidirectional)
        hasher.combine(embeddingRows)
    }

    /// G·H: rows of the stacked gate matrices (stored: the drivers read the offsets in their loops).
    public let gateRows: Int
    /// D: 2 when bidirectional, else 1.
    public var directions: Int { bidirectional ? 2 : 1 }
    /// D·H: what a layer outputs at each step, and what the head reads.
    public var featureSize: Int { directions * hiddenSize }
    /// Whether the network is one layer in one direction (a plain model).
    public var isSingleLayer: Bool { numLayers == 1 && !bidirectional }

    // Layer 0, forward direction.
    public var weightIH: Int { 0 }
    public var weightHH: Int { gateRows * inputSize }
    public var biasIH: Int { weightHH + gateRows * hiddenSize }
    public var biasHH: Int { biasIH + gateRows }
    /// Where the cell's own tensors begin.
    public var cellExtra: Int { biasHH + gateRows }
    public var headWeight: Int { layersEnd }
    public var headBias: Int { headWeight + (hasHead ? outputSize * featureSize : 0) }
    /// Where `embedding.weight` begins (meaningful with an embedding).
    public var embedding: Int { headBias + (hasHead ? outputSize : 0) }
    /// Total number of scalars.
    public var count: Int { embedding + (embeddingRows ?? 0) * inputSize }

    /// What layer `l` reads at each step: I for layer 0, D·H above.
    public func layerInputSize(_ l: Int) -> Int { l == 0 ? inputSize : featureSize }

    /// The layout of layer `l` alone: one direction, no head, no embedding (what each direction of it runs).
    public func layerLayout(_ l: Int) -> ParameterLayout {
        if isSingleLayer && !hasHead && embeddingRows == nil { return self }
        return ParameterLayout(cell: cell, inputSize: layerInputSize(l), hiddenSize: hiddenSize, hasHead: false)
    }

    /// Where layer `l`, direction `d` (0 forward, 1 reverse) begins, and how many scalars it holds.
    public func layerRange(_ l: Int, direction d: Int = 0) -> Range<Int> {
        let first = gateRows * (inputSize + hiddenSize + 2) + cellExtraCount
        let above = gateRows * (featureSize + hiddenSize + 2) + cellExtraCount
        let start = l == 0 ? d * first : directions * first + ((l - 1) * directions + d) * above
        return start..<(start + (l == 0 ? first : above))
    }

    /// PyTorch's suffix of layer `l`, direction `d`: `_l1`, `_l0_reverse`.
    public static func suffix(layer l: Int, direction d: Int) -> String { "_l\(l)" + (d == 1 ? "_reverse" : "") }

    /// One named tensor of the layout.
    public struct Tensor: Equatable, Sendable {
        public let name: String
        public let offset: Int
        /// Rows × columns; columns is nil for a vector.
        public let rows: Int
        public let columns: Int?
        public var count: Int { rows * (columns ?? 1) }

        public init(name: String, offset: Int, rows: Int, columns: Int?) {
            self.name = name
            self.offset = offset
            self.rows = rows
            self.columns = columns
        }
    }

    /// The tensors in `state_dict` order, with their shapes and PyTorch's layer-aware names.
    public var tensors: [Tensor] {
        var t: [Tensor] = []
        for l in 0..<numLayers {
            for d in 0..<directions {
                var offset = layerRange(l, direction: d).lowerBound
                let sfx = Self.suffix(layer: l, direction: d)
                for shape in cell.tensors(inputSize: layerInputSize(l), hiddenSize: hiddenSize) {
                    let name = shape.name.hasSuffix("_l0") ? String(shape.name.dropLast(3)) + sfx : shape.name
                    t.append(Tensor(name: name, offset: offset, rows: shape.rows, columns: shape.columns))
                    offset += shape.count
                }
            }
        }
        if hasHead {
            t.append(Tensor(name: "head.weight", offset: headWeight, rows: outputSize, columns: featureSize))
            t.append(Tensor(name: "head.bias", offset: headBias, rows: outputSize, columns: nil))
        }
        if let V = embeddingRows {
            t.append(Tensor(name: "embedding.weight", offset: embedding, rows: V, columns: inputSize))
        }
        return t
    }

    /// The tensor named `name`, if the layout has it.
    public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }
}
