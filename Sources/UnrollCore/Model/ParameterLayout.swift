/// Where each parameter tensor lives in a model's flat parameter vector.
///
/// Order: `weight_ih_l0` (G·H × I), `weight_hh_l0` (G·H × H), `bias_ih_l0` (G·H), `bias_hh_l0` (G·H),
/// then, with a read-out, `head.weight` (O × H) and `head.bias` (O). Matrices are row-major,
/// exactly PyTorch's `state_dict` layout, so a gradient vector has the same shape as the parameters.
public struct ParameterLayout: Equatable, Hashable, Sendable {
    public let kind: CellKind
    /// I
    public let inputSize: Int
    /// H
    public let hiddenSize: Int
    /// O: the head's rows, or H without a head.
    public let outputSize: Int
    public let hasHead: Bool

    public init(kind: CellKind, inputSize: Int, hiddenSize: Int, outputSize: Int? = nil, hasHead: Bool) {
        self.kind = kind
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.hasHead = hasHead
        self.outputSize = hasHead ? (outputSize ?? hiddenSize) : hiddenSize
    }

    /// G·H: rows of the stacked gate matrices.
    public var gateRows: Int { kind.gateCount * hiddenSize }

    public var weightIH: Int { 0 }
    public var weightHH: Int { gateRows * inputSize }
    public var biasIH: Int { weightHH + gateRows * hiddenSize }
    public var biasHH: Int { biasIH + gateRows }
    public var headWeight: Int { biasHH + gateRows }
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
        var t = [
            Tensor(name: "weight_ih_l0", offset: weightIH, rows: gateRows, columns: inputSize),
            Tensor(name: "weight_hh_l0", offset: weightHH, rows: gateRows, columns: hiddenSize),
            Tensor(name: "bias_ih_l0", offset: biasIH, rows: gateRows, columns: nil),
            Tensor(name: "bias_hh_l0", offset: biasHH, rows: gateRows, columns: nil),
        ]
        if hasHead {
            t.append(Tensor(name: "head.weight", offset: headWeight, rows: outputSize, columns: hiddenSize))
            t.append(Tensor(name: "head.bias", offset: headBias, rows: outputSize, columns: nil))
        }
        return t
    }

    /// The tensor named `name`, if the layout has it.
    public func tensor(named name: String) -> Tensor? { tensors.first { $0.name == name } }
}
