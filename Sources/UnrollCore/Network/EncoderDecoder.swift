/// Encoder–decoder (sequence to sequence) networks: a `RecurrentModel` (the decoder, carrying the head)
/// with an `encoder` that reads the input and produces no output. The encoder's final state (h_n, and c_n
/// for a cell with a cell state, every layer) is the decoder's initial state; the decoder runs over its
/// own inputs, either given (teacher forcing) or its own previous predictions.
///
/// As a PyTorch module holding `encoder = nn.GRU(…)`, `decoder = nn.GRU(…)`, `head = nn.Linear(…)`, the
/// parameters are named `encoder.weight_ih_l0`, …, `decoder.weight_ih_l0`, …, `head.weight`, `head.bias`
/// (`networkTensors`). Encoder and decoder share the cell, H and the number of layers, and read in one direction.
extension RecurrentModel {
    /// The encoder of an encoder–decoder (nil for every other network).
    public var encoder: RecurrentModel? {
        get { encoderStorage.first }
        set { encoderStorage = newValue.map { [$0] } ?? [] }
    }

    /// An encoder–decoder with all parameters zero: the encoder reads `inputSize` values (named by
    /// `vocab`), the decoder `decoderInputSize` (named by `decoderVocab`, which names the outputs too
    /// when O equals their count).
    public static func encoderDecoder(kind: CellKind, inputSize: Int, decoderInputSize: Int, hiddenSize: Int, numLayers: Int = 1,
                                      outputSize: Int? = nil, hasHead: Bool = true, nonlinearity: Nonlinearity = .tanh,
                                      vocab: [String]? = nil, decoderVocab: [String]? = nil) -> RecurrentModel {
        let encoder = RecurrentModel(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, hasHead: false,
                                     nonlinearity: nonlinearity, vocab: vocab, numLayers: numLayers)
        var decoder = RecurrentModel(kind: kind, inputSize: decoderInputSize, hiddenSize: hiddenSize, outputSize: outputSize,
                                     hasHead: hasHead, nonlinearity: nonlinearity, vocab: decoderVocab, numLayers: numLayers)
        decoder.encoder = encoder
        return decoder
    }

    /// Whether the network is an encoder–decoder.
    public var isEncoderDecoder: Bool { !encoderStorage.isEmpty }

    /// Every tensor of the whole network in `state_dict` order, offsets into `networkParameters`:
    /// the layout's own, or for an encoder–decoder `encoder.*`, `decoder.*`, then `head.*`.
    public var networkTensors: [ParameterLayout.Tensor] {
        guard let encoder else { return layout.tensors }
        let e = encoder.layout.tensors.map { ParameterLayout.Tensor(name: "encoder." + $0.name, offset: $0.offset, rows: $0.rows, columns: $0.columns) }
        let shift = encoder.layout.count
        let d = layout.tensors.map { t in
            ParameterLayout.Tensor(name: t.name.hasPrefix("head.") ? t.name : "decoder." + t.name, offset: t.offset + shift,
                                   rows: t.rows, columns: t.columns)
        }
        return e + d
    }

    /// The number of scalars in the whole network (the encoder's included).
    public var parameterCount: Int { (encoder?.layout.count ?? 0) + layout.count }

    /// Every weight and bias of the whole network as one vector in `networkTensors` order.
    public var networkParameters: [Double] {
        get { (encoder?.parameters ?? []) + parameters }
        set {
            precondition(newValue.count == parameterCount, "expected \(parameterCount) parameters")
            let n = encoder?.layout.count ?? 0
            if n > 0 { encoderStorage[0].parameters = Array(newValue[0..<n]) }
            parameters = Array(newValue[n...])
        }
    }

    /// Teacher forcing: the encoder reads `input`, the decoder (this model) reads `decoderInput` from the
    /// encoder's final state; `targets` (one per decoder step) give the loss. The trace is the decoder's,
    /// with the encoder's run as its `encoder`.
    public func forward(_ input: SequenceInput, decoderInput: SequenceInput, targets: [Int?]? = nil) -> Trace {
        guard let encoder else { return forward(decoderInput, targets: targets) }
        let enc = encoder.forward(input, initialHiddens: nil)
        var dec = forward(decoderInput, targets: targets, initialHiddens: enc.finalHidden,
                          initialCells: cell.hasCellState ? enc.finalCell : nil)
        dec.encoderStorage = [enc]
        return dec
    }

    /// Free running: the encoder reads `input`; the decoder's first input is token `start` (nil: the zero
    /// vector, an unknown step) and each later input is its own previous prediction, for `steps` steps.
    /// Needs a decoder whose outputs are its input tokens (O = its input size). Fed inputs are constants
    /// to `backward` (no gradient flows through the arg-max). The fed tokens are the trace's `tokens`.
    /// - Complexity: O(steps²) decoder steps (it reruns the growing sequence; the sequences here are short).
    public func generate(_ input: SequenceInput, steps: Int, start: Int? = nil, targets: [Int?]? = nil) -> Trace {
        precondition(outputSize == inputSize, "free running feeds predictions back: O must equal the decoder's input size")
        let enc = encoder.map { $0.forward(input, initialHiddens: nil) }
        let h0 = enc?.finalHidden, c0 = cell.hasCellState ? enc?.finalCell : nil
        var tokens: [Int?] = [start]
        while tokens.count < steps {
            let run = forward(SequenceInput(tokens: tokens, inputSize: inputSize), initialHiddens: h0, initialCells: c0)
            tokens.append(run.predicted(at: run.steps))
        }
        let fed = SequenceInput(tokens: Array(tokens.prefix(steps)), inputSize: inputSize)
        var dec = forward(fed, targets: targets, initialHiddens: h0, initialCells: c0)
        if let enc { dec.encoderStorage = [enc] }
        return dec
    }
}

extension Gradients {
    /// ∂L/∂θ of the whole network, lined up with `RecurrentModel.networkParameters` (the encoder's first).
    public var networkParameters: [Double] { (encoder?.parameters ?? []) + parameters }

    /// The gradient of one tensor of the whole network, named as in `RecurrentModel.networkTensors`.
    public func networkTensor(named name: String, in model: RecurrentModel) -> [[Double]]? {
        guard let t = model.networkTensors.first(where: { $0.name == name }) else { return nil }
        let values = networkParameters
        let cols = t.columns ?? t.rows
        let rows = t.columns == nil ? 1 : t.rows
        return (0..<rows).map { r in Array(values[(t.offset + r * cols)..<(t.offset + (r + 1) * cols)]) }
    }
}
