/// An encoder–decoder (sequence to sequence): an encoder RNN reads the input and produces no output; its
/// final state (h_n, and c_n for an LSTM, every layer) is the decoder's initial state; the decoder runs over
/// its own inputs, either given (teacher forcing) or its own previous predictions, and a head reads it.
///
/// As a PyTorch module holding `encoder = nn.GRU(…)`, `decoder = nn.GRU(…)`, `head = nn.Linear(…)`, the
/// parameters are named `encoder.weight_ih_l0`, …, `decoder.weight_ih_l0`, …, `head.weight`, `head.bias`.
/// Encoder and decoder share the cell kind, H and the number of layers, and read in one direction.
public struct EncoderDecoder: Sendable, Equatable {
    /// Reads the input; headless, one direction.
    public var encoder: StackedRNN
    /// Starts from the encoder's final state; carries the head.
    public var decoder: StackedRNN
    public var name: String?
    public var description: String?

    public var kind: CellKind { encoder.kind }
    public var hiddenSize: Int { encoder.hiddenSize }
    public var numLayers: Int { encoder.numLayers }
    /// The encoder's input size.
    public var inputSize: Int { encoder.inputSize }
    /// The decoder's input size.
    public var decoderInputSize: Int { decoder.inputSize }
    /// O
    public var outputSize: Int { decoder.outputSize }
    /// Names of the encoder's inputs.
    public var vocab: [String]? { encoder.vocab }
    /// Names of the decoder's inputs (and of the outputs when O equals their count).
    public var decoderVocab: [String]? { decoder.vocab }

    /// A network with all parameters zero.
    public init(kind: CellKind, inputSize: Int, decoderInputSize: Int, hiddenSize: Int, numLayers: Int = 1,
                outputSize: Int? = nil, hasHead: Bool = true, nonlinearity: Nonlinearity = .tanh,
                vocab: [String]? = nil, decoderVocab: [String]? = nil) {
        encoder = StackedRNN(kind: kind, inputSize: inputSize, hiddenSize: hiddenSize, numLayers: numLayers, hasHead: false,
                             nonlinearity: nonlinearity, vocab: vocab)
        decoder = StackedRNN(kind: kind, inputSize: decoderInputSize, hiddenSize: hiddenSize, numLayers: numLayers,
                             outputSize: outputSize, hasHead: hasHead, nonlinearity: nonlinearity, vocab: decoderVocab)
    }

    /// An encoder–decoder from two stacks that fit: same kind, nonlinearity, H and layers, one direction,
    /// no head on the encoder.
    public init(encoder: StackedRNN, decoder: StackedRNN) {
        precondition(encoder.kind == decoder.kind && encoder.hiddenSize == decoder.hiddenSize
                     && encoder.numLayers == decoder.numLayers && encoder.nonlinearity == decoder.nonlinearity,
                     "encoder and decoder must share cell, nonlinearity, hidden size and layers")
        precondition(!encoder.bidirectional && !decoder.bidirectional && !encoder.hasHead, "one direction; no head on the encoder")
        self.encoder = encoder
        self.decoder = decoder
    }

    /// Every tensor in `state_dict` order: `encoder.*`, `decoder.*`, then `head.*`, offsets into `parameters`.
    public var tensors: [ParameterLayout.Tensor] {
        let e = encoder.tensors.map { ParameterLayout.Tensor(name: "encoder." + $0.name, offset: $0.offset, rows: $0.rows, columns: $0.columns) }
        let shift = encoder.parameterCount
        let d = decoder.tensors.map { t in
            ParameterLayout.Tensor(name: t.name.hasPrefix("head.") ? t.name : "decoder." + t.name, offset: t.offset + shift,
                                   rows: t.rows, columns: t.columns)
        }
        return e + d
    }

    /// The tensor named `name`, if the network has it.
    public func tensor(named name: String) -> ParameterLayout.Tensor? { tensors.first { $0.name == name } }

    /// The number of scalars.
    public var parameterCount: Int { encoder.parameterCount + decoder.parameterCount }

    /// Every weight and bias as one vector in `tensors` order.
    public var parameters: [Double] {
        get { encoder.parameters + decoder.parameters }
        set {
            precondition(newValue.count == parameterCount, "expected \(parameterCount) parameters")
            let n = encoder.parameterCount
            encoder.parameters = Array(newValue[0..<n])
            decoder.parameters = Array(newValue[n...])
        }
    }

    /// PyTorch's default initialisation, encoder first.
    public mutating func initialise(using rng: inout SeededRandom) {
        encoder.initialise(using: &rng)
        decoder.initialise(using: &rng)
    }

    /// Whether the decoder's vocabulary names the outputs.
    public var vocabCoversOutputs: Bool { decoder.vocabCoversOutputs }
    /// A label for output class `k`.
    public func outputLabel(_ k: Int) -> String { decoder.outputLabel(k) }

    /// Teacher forcing: the encoder reads `input`, the decoder reads `decoderInput` from the encoder's
    /// final state; `targets` (one per decoder step) give the loss.
    public func forward(_ input: SequenceInput, decoderInput: SequenceInput, targets: [Int?]? = nil) -> EncoderDecoderTrace {
        let enc = encoder.forward(input)
        let dec = decoder.forward(decoderInput, targets: targets, initialHidden: enc.finalHidden,
                                  initialCell: encoder.cells[0].cell.hasCellState ? enc.finalCell : nil)
        return EncoderDecoderTrace(encoder: enc, decoder: dec, decoderInput: decoderInput)
    }

    /// Free running: the encoder reads `input`; the decoder's first input is token `start` (nil: the zero
    /// vector, an unknown step) and each later input is its own previous prediction, for `steps` steps.
    /// Needs a decoder whose outputs are its input tokens (O = decoder input size). Fed inputs are
    /// constants to `backward` (no gradient flows through the arg-max).
    /// - Complexity: O(steps²) decoder steps (it reruns the growing sequence; the sequences here are short).
    public func generate(_ input: SequenceInput, steps: Int, start: Int? = nil, targets: [Int?]? = nil) -> EncoderDecoderTrace {
        precondition(decoder.outputSize == decoder.inputSize, "free running feeds predictions back: O must equal the decoder's input size")
        let enc = encoder.forward(input)
        var tokens: [Int?] = [start]
        let h0 = enc.finalHidden, c0: [[Double]]? = encoder.cells[0].cell.hasCellState ? enc.finalCell : nil
        while tokens.count < steps {
            let run = decoder.forward(SequenceInput(tokens: tokens, inputSize: decoder.inputSize), initialHidden: h0, initialCell: c0)
            tokens.append(run.predicted(at: run.steps))
        }
        let fed = SequenceInput(tokens: Array(tokens.prefix(steps)), inputSize: decoder.inputSize)
        let dec = decoder.forward(fed, targets: targets, initialHidden: h0, initialCell: c0)
        return EncoderDecoderTrace(encoder: enc, decoder: dec, decoderInput: fed)
    }

    /// Backpropagation through the decoder (from its loss), into the encoder through the handed-over state.
    public func backward(_ trace: EncoderDecoderTrace) -> EncoderDecoderGradients {
        let dec = decoder.backward(trace.decoder)
        let enc = encoder.backward(trace.encoder, finalHidden: dec.initialHidden,
                                   finalCell: encoder.cells[0].cell.hasCellState ? dec.initialCell : nil, includeLoss: false)
        return EncoderDecoderGradients(tensors: tensors, parameters: enc.parameters + dec.parameters, encoder: enc, decoder: dec)
    }
}

/// A run of an `EncoderDecoder`: the encoder's run and the decoder's, whose read-out is the output.
public struct EncoderDecoderTrace: Sendable {
    public let encoder: StackedTrace
    public let decoder: StackedTrace
    /// What the decoder read at each of its steps.
    public let decoderInput: SequenceInput

    /// The decoder's number of steps.
    public var steps: Int { decoder.steps }
    /// probs_t of the decoder's read-out.
    public func probabilities(at t: Int) -> [Double] { decoder.probabilities(at: t) }
    /// The arg-max class at decoder step t.
    public func predicted(at t: Int) -> Int { decoder.predicted(at: t) }
    /// The cross-entropy at decoder step t, nil without a target.
    public func loss(at t: Int) -> Double? { decoder.loss(at: t) }
    /// The summed cross-entropy over the decoder's steps with a target.
    public var totalLoss: Double? { decoder.totalLoss }
}

/// ∂L/∂θ of an `EncoderDecoder`, in its `tensors` order.
public struct EncoderDecoderGradients: Sendable {
    public let tensors: [ParameterLayout.Tensor]
    /// Lined up with `EncoderDecoder.parameters`.
    public let parameters: [Double]
    public let encoder: StackedGradients
    public let decoder: StackedGradients

    /// The gradient of one named tensor as rows (a vector is one row).
    public func tensor(named name: String) -> [[Double]]? {
        guard let t = tensors.first(where: { $0.name == name }) else { return nil }
        let cols = t.columns ?? t.rows
        let rows = t.columns == nil ? 1 : t.rows
        return (0..<rows).map { r in Array(parameters[(t.offset + r * cols)..<(t.offset + (r + 1) * cols)]) }
    }
}
