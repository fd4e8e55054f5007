import UnrollCore

/// The BPTT screen: one run of a model on a sequence with targets, its per-step loss, the gradient
/// ∂L/∂h_t flowing back along the unrolled timeline, and each step's share of one weight's gradient.
///
/// The screen embeds a `Run` of the core (forward and backward with step shares; the lab's own run
/// when opened from the lab); the chosen entry's explanation is computed when the choice changes,
/// never while drawing.
///
/// ```swift
/// var screen = try BPTTState(model: model, inputText: "Jane saw Spot . Doug saw")
/// screen.select(tensor: "weight_hh_l0", row: 2, column: 3)
/// screen.explanation?.terms      // δ_t[2] × h_{t−1}[3] per step; they sum to ∂L/∂W_hh[2,3]
/// ```
public struct BPTTState: Sendable {
    public var title: String
    /// The run on the core, with every step's share of the gradients recorded.
    public let run: Run
    /// The input's words (`?` for unknown steps).
    public let tokens: [String]
    /// The chosen weight tensor (`state_dict` name) and entry.
    public private(set) var tensor: String
    public private(set) var row: Int
    public private(set) var column: Int
    /// Every step's share of the chosen tensor.
    public private(set) var contributions: StepContributions?
    /// The chosen entry's gradient as a sum over steps.
    public private(set) var explanation: GradientExplanation?
    /// T: ‖∂L/∂h_t‖ (the learning signal reaching step t, from its own loss and every later one).
    public private(set) var hiddenGradientNorms: [Double]
    /// Truncated BPTT's window, when the lab was training with one: every gradient shown (norms, the
    /// per-unit rows, the entry's shares) is per window, and the chain marks the cuts.
    public private(set) var truncation: Int?
    /// Truncated BPTT's gradients of the free run, when `truncation` is set (with step shares).
    public private(set) var truncatedGradients: Gradients?
    /// LSTM: T values ‖∂L/∂c_t‖, the signal on the cell's conveyor belt (nil for other cells).
    public private(set) var cellGradientNorms: [Double]?
    /// The 1-based step under the cursor.
    public var t: Int
    /// The backward sweep animation: the gradient is shown only from `revealedFrom` to T.
    public var playing = false
    public var playTicks = 0
    public var revealedFrom: Int?
    /// Motion: the frame (0, 1, 2) of the gradient flowing back into the cursor's box after a step; nil when still.
    public var flowFrame: Int?
    /// Whether stepping animates (off with `--no-motion`, `UNROLL_NO_MOTION` or plain mode).
    public var motion = LabState.motionFromEnvironment
    /// A one-line message for the status bar.
    public var note: String?
    /// The lab this screen was opened from (Esc returns to it).
    public var returnLab: LabState?

    /// Why the screen could not be set up.
    public typealias SetupError = LabState.SetupError

    /// A screen from plain parameters: a model, its input, per-step targets and the weight entry to follow.
    ///
    /// - Parameters:
    ///   - tensor: the weight whose per-step shares are shown (default `weight_hh_l0`).
    ///   - row, column: the entry; nil picks the entry with the largest |gradient|.
    ///   - t: the step under the cursor; nil for the step with the entry's largest share.
    public init(title: String = "BPTT", model: RecurrentModel, input: SequenceInput, tokens: [String], targets: [Int?],
                tensor: String = "weight_hh_l0", row: Int? = nil, column: Int? = nil, t: Int? = nil) {
        self.init(title: title, run: Run(model: model, input: input, targets: .given(targets), recordStepShares: true), tokens: tokens,
                  tensor: tensor, row: row, column: column, t: t)
    }

    /// A screen embedding `run` (re-run with step shares when it has none).
    public init(title: String = "BPTT", run: Run, tokens: [String],
                tensor: String = "weight_hh_l0", row: Int? = nil, column: Int? = nil, t: Int? = nil) {
        self.title = title
        let lacksShares = run.gradients.map { $0.stepShares == nil } ?? false
        self.run = lacksShares ? run.recordingStepShares() : run
        self.tokens = tokens
        let model = run.model
        self.tensor = model.layout.tensor(named: tensor) == nil ? "weight_hh_l0" : tensor
        self.row = row ?? 0
        self.column = column ?? 0
        self.t = min(max(1, t ?? 1), max(1, run.input.count))
        hiddenGradientNorms = []
        recompute()
        if row == nil || column == nil { selectLargest() } else { select(row: row, column: column) }
        if t == nil, let terms = explanation?.terms, let top = terms.max(by: { abs($0.share) < abs($1.share) }) { self.t = top.t }
    }

    /// A screen on `model` over `inputText` (whitespace-separated tokens); targets default to the
    /// next token when the vocabulary names the outputs.
    public init(title: String = "BPTT", model: RecurrentModel, inputText: String, targetsText: String? = nil,
                tensor: String = "weight_hh_l0") throws {
        let input: SequenceInput
        let targets: Run.Targets
        do {
            input = try model.parseInput(inputText)
            targets = try targetsText.map { .given(try model.parseTargets($0, steps: input.count)) } ?? .nextToken
        } catch let e as TokenError {
            throw SetupError(description: e.message)
        }
        self.init(title: title, run: Run(model: model, input: input, targets: targets, recordStepShares: true),
                  tokens: inputText.split(whereSeparator: \.isWhitespace).map(String.init), tensor: tensor)
    }

    /// The lab's run (its model, input, targets and clamps); with `returning`, at the lab's step and
    /// Esc returns to the lab, otherwise at the step with the largest share.
    public init(lab: LabState, returning: Bool = true) {
        self.init(title: lab.title, run: lab.run, tokens: lab.tokens, t: returning ? lab.t : nil)
        returnLab = returning ? lab : nil
        motion = lab.motion
        if let k = lab.training?.settings.bpttWindow, k < steps {
            truncation = k
            recompute()
            let cuts = truncationCuts(steps: steps, window: k)
            note = "truncated BPTT, k=\(k) (as trained): the gradient is cut before t=" + cuts.map(String.init).joined(separator: ", ") + " (| on the chain)"
        }
    }

    /// The shipped models the BPTT screen opens on by default, best first: trained models have
    /// gradients worth following; the hand-built ones saturate.
    public static let defaultModels = ["book-lstm-trained", "book-gru", "book-rnn", "book-lstm"]

    public var model: RecurrentModel { run.model }
    public var input: SequenceInput { run.input }
    /// One target per step (nil: no loss at that step).
    public var targets: [Int?] { run.targets ?? [Int?](repeating: nil, count: run.input.count) }
    /// The run shown: the clamped one when the run has clamps.
    public var trace: Trace { run.shown }
    /// BPTT with step shares (truncated BPTT's, window by window, under `truncation`); nil when no step has a target.
    public var gradients: Gradients? { truncatedGradients ?? run.gradients }

    /// T.
    public var steps: Int { trace.steps }
    /// The tensor's layout entry.
    public var tensorInfo: ParameterLayout.Tensor? { model.layout.tensor(named: tensor) }
    /// Rows and columns of the chosen tensor (columns 1 for a vector).
    public var tensorShape: (rows: Int, columns: Int) {
        guard let t = tensorInfo else { return (0, 0) }
        return (t.rows, t.columns ?? 1)
    }
    /// The tensors whose shares the `w` key cycles through.
    public var tensorNames: [String] { model.layout.tensors.map(\.name) }

    /// The loss at step t, when it has a target.
    public func loss(at t: Int) -> Double? { trace.loss(at: t) }
    /// The word or `?` at step t.
    public func token(at t: Int) -> String { t >= 1 && t <= tokens.count ? tokens[t - 1] : "\(t)" }

    /// Step t's share of the chosen entry's gradient.
    public func entryShare(at t: Int) -> Double { explanation.map { $0.terms[t - 1].share } ?? 0 }

    /// Reads the gradient norms and the chosen entry's shares from the run.
    ///
    /// - Complexity: O(T · H).
    public mutating func recompute() {
        truncatedGradients = nil
        if let k = truncation, run.gradients != nil {
            // The free run's inputs as fed (a `?` step holds what it was fed), window by window.
            let free = run.free
            let fedInput = SequenceInput(vectors: (0..<free.steps).map { free.input(at: $0 + 1) }, inputSize: model.inputSize)
            let g = UnrollCore.truncatedGradients(model, input: fedInput, targets: targets, window: k, recordStepShares: true)
            truncatedGradients = g
            hiddenGradientNorms = g.hiddenNorms(steps: steps)
            cellGradientNorms = g.cellNorms(steps: steps)
        } else if let g = gradients {
            hiddenGradientNorms = g.hiddenNorms(steps: steps)
            cellGradientNorms = g.cellNorms(steps: steps)
        } else {
            hiddenGradientNorms = [Double](repeating: 0, count: steps)
        }
        contributions = nil
        refreshEntry()
    }

    /// Chooses a tensor and entry (clamped to the tensor's shape) and explains it.
    public mutating func select(tensor name: String? = nil, row r: Int? = nil, column c: Int? = nil) {
        let newTensor = name.flatMap { model.layout.tensor(named: $0) != nil ? $0 : nil } ?? tensor
        let changed = newTensor != tensor
        tensor = newTensor
        let shape = tensorShape
        row = min(max(0, r ?? row), max(0, shape.rows - 1))
        column = min(max(0, c ?? column), max(0, shape.columns - 1))
        if changed { contributions = nil }
        refreshEntry()
    }

    /// Moves the chosen entry by rows and columns, wrapping around the tensor.
    public mutating func moveEntry(rows dr: Int = 0, columns dc: Int = 0) {
        let shape = tensorShape
        guard shape.rows > 0, shape.columns > 0 else { return }
        select(row: ((row + dr) % shape.rows + shape.rows) % shape.rows,
               column: ((column + dc) % shape.columns + shape.columns) % shape.columns)
    }

    /// The next tensor in `state_dict` order, at its largest entry.
    public mutating func cycleTensor() {
        let names = tensorNames
        guard let i = names.firstIndex(of: tensor), !names.isEmpty else { return }
        select(tensor: names[(i + 1) % names.count])
        selectLargest()
    }

    /// Chooses the entry of the current tensor with the largest |∂L/∂W|.
    public mutating func selectLargest() {
        guard let g = gradients, let info = tensorInfo else { return }
        var best = 0, bestValue = -1.0
        for k in 0..<info.count where abs(g.parameters[info.offset + k]) > bestValue {
            best = k
            bestValue = abs(g.parameters[info.offset + k])
        }
        let columns = info.columns ?? 1
        select(row: best / columns, column: best % columns)
    }

    /// Starts or stops the backward sweep from t = T down to 1.
    public mutating func togglePlay() {
        playing.toggle()
        playTicks = 0
        if playing {
            t = steps
            revealedFrom = steps
        } else {
            revealedFrom = nil
            flowFrame = nil  // pausing stops the flow with it: idle at once
        }
    }

    /// One animation tick of the sweep: every `ticksPerStep` ticks the gradient reaches one step further back.
    public mutating func tick(ticksPerStep: Int = 8) {
        guard playing else { return }
        playTicks += 1
        guard playTicks >= ticksPerStep else { return }
        playTicks = 0
        if t > 1 {
            t -= 1
            revealedFrom = t
            startFlow()
        } else {
            playing = false
            revealedFrom = nil
        }
    }

    private mutating func refreshEntry() {
        guard let g = gradients else {
            contributions = nil
            explanation = nil
            return
        }
        if contributions?.tensor != tensor { contributions = StepContributions(gradients: g, tensor: tensor) }
        explanation = contributions.flatMap {
            GradientExplanation(trace: trace, gradients: g, shares: $0, row: row, column: column, tokens: tokens)
        }
    }

    /// What row r and column c of the chosen tensor connect, in words.
    public var entryDescription: String {
        let H = model.hiddenSize
        func rowName(_ r: Int) -> String {
            let gates = model.cell.gates
            guard !gates.isEmpty, H > 0 else { return "unit \(r)" }
            let block = r / H
            return "\(block < gates.count ? "\(gates[block].symbol) (\(gates[block].name))" : "block \(block)") of unit \(r % H)"
        }
        switch GradientExplanation.factor(of: tensor) {
        case .input: return "\(rowName(row)) ← input \(model.inputLabel(column))"
        case .previousHidden: return "\(rowName(row)) ← previous h[\(column)]"
        case .hidden: return "output \(model.outputLabel(row)) ← h[\(column)]"
        case .one: return tensor.hasPrefix("head") ? "bias of output \(model.outputLabel(row))" : "bias of \(rowName(row))"
        }
    }
}

extension AppState {
    /// The BPTT screen, when it is showing.
    public var bptt: BPTTState? {
        if case let .bptt(b) = screen { return b }
        return nil
    }
}
