import UnrollCore

/// The lab: a model, an input sequence, the time cursor, clamps, and the runs computed from them.
///
/// Every trace is recomputed by the core whenever what it depends on changes (`recompute()`),
/// so what the screen shows is always the live model's numbers.
public struct LabState: Sendable {
    public var title: String
    public private(set) var model: RecurrentModel
    /// The model as first loaded (`r` resets to it).
    public let originalModel: RecurrentModel
    /// The input words, `?` for unknown steps.
    public private(set) var tokens: [String]
    public private(set) var input: SequenceInput
    /// One target per step (nil: none).
    public private(set) var targets: [Int?]?
    public private(set) var clamps: [Clamp]
    /// The unclamped run.
    public private(set) var free: Trace
    /// The clamped run, when there are clamps.
    public private(set) var clamped: Trace?
    /// Gradients of the shown run, when it has targets.
    public private(set) var gradients: Gradients?
    /// The 1-based step under the cursor.
    public var t: Int
    public var focus: LabFocus
    public var playing = false
    /// Ticks since the last automatic step while playing.
    public var playTicks = 0
    /// Motion: the frame (0, 1, 2) of the values flowing into the cursor's box after a step; nil when still.
    public var flowFrame: Int?
    /// Whether stepping animates (off with `--no-motion`, `UNROLL_NO_MOTION` or plain mode).
    public var motion = LabState.motionFromEnvironment
    /// Show the cell diagram in place of the gate meters (small screens).
    public var showDiagram = false
    /// The live training run, if any.
    public var training: TrainingStatus?
    /// A one-line note for the status bar (e.g. what the last action did).
    public var note: String?
    /// Unknown steps (`?`) are fed the network's own previous prediction instead of nothing
    /// (the "out of town" strategy); only for models whose outputs are their input words.
    public private(set) var feedOwnPredictions = false
    /// The words fed at unknown steps when `feedOwnPredictions` is on (nil elsewhere).
    public private(set) var fedWords: [String?] = []

    /// The progress of a live training run.
    public struct TrainingStatus: Sendable, Equatable {
        public var epoch: Int
        public var epochs: Int
        public var losses: [Double]
        public var running: Bool
    }

    /// Why the lab could not be set up.
    public struct SetupError: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// A lab on `model` over `inputText` (whitespace-separated tokens); targets default to the next
    /// token when the vocabulary names the outputs (so loss and gradients are defined).
    public init(title: String, model: RecurrentModel, inputText: String, targetsText: String? = nil, clamps: [Clamp] = []) throws {
        self.title = title
        self.model = model
        self.originalModel = model
        do {
            input = try model.parseInput(inputText)
            if let targetsText {
                targets = try model.parseTargets(targetsText, steps: input.count)
            } else {
                targets = LabState.nextTokenTargets(model: model, input: input)
            }
        } catch let e as TokenError {
            throw SetupError(description: e.message)
        }
        tokens = inputText.split(whereSeparator: \.isWhitespace).map(String.init)
        self.clamps = clamps
        free = model.forward(input, targets: targets)
        t = 1
        focus = LabFocus(target: LabFocus.targets(for: model.kind)[0])
        recompute()
    }

    /// Next-token targets (the input shifted by one; the last step has none) when outputs are words.
    static func nextTokenTargets(model: RecurrentModel, input: SequenceInput) -> [Int?]? {
        guard model.vocabCoversOutputs, let tokens = input.tokens, tokens.count > 1 else { return nil }
        return Array(tokens.dropFirst()) + [nil]
    }

    /// T
    public var steps: Int { free.steps }
    /// The run the screen shows: the clamped one when there are clamps.
    public var shown: Trace { clamped ?? free }

    /// Whether the model can feed itself: its outputs are its input words.
    public var canFeedOwnPredictions: Bool { model.vocabCoversOutputs && model.inputSize == model.outputSize && input.tokens != nil }

    /// Switches between feeding nothing and feeding the network's own predictions at unknown steps.
    public mutating func toggleOwnPredictions() {
        guard canFeedOwnPredictions else { return }
        feedOwnPredictions.toggle()
        recompute()
    }

    /// The input actually run: `input`, or with each `?` replaced by the prediction before it.
    /// - Complexity: O(U · T) forward steps for U unknown steps (short sequences).
    func effectiveInput(clamps: [Clamp]) -> (SequenceInput, [String?]) {
        guard feedOwnPredictions, canFeedOwnPredictions, var tokens = input.tokens else {
            return (input, [])
        }
        var fed = [String?](repeating: nil, count: tokens.count)
        for s in 1..<max(1, tokens.count) where tokens[s] == nil {
            let prefix = SequenceInput(tokens: Array(tokens[0..<s]), inputSize: model.inputSize)
            let run = model.forward(prefix, clamps: clamps.filter { c in c.steps.map { $0.lowerBound <= s } ?? true })
            let guess = run.predicted(at: s)
            tokens[s] = guess
            fed[s] = model.outputLabel(guess)
        }
        return (SequenceInput(tokens: tokens, inputSize: model.inputSize), fed)
    }

    /// Recomputes every run from the model, input, targets and clamps.
    public mutating func recompute() {
        let (freeInput, fed) = effectiveInput(clamps: [])
        fedWords = fed
        free = model.forward(freeInput, targets: targets)
        clamped = clamps.isEmpty ? nil : model.forward(effectiveInput(clamps: clamps).0, targets: targets, clamps: clamps)
        let run = clamped ?? free
        gradients = run.hasTargets ? model.backward(run, recordStepShares: run.steps * model.layout.count <= 200_000) : nil
        t = min(max(1, t), max(1, steps))
        focus.unit = min(focus.unit, max(0, unitCount(for: focus.target) - 1))
    }

    /// How many units the focus target has (H, or O for the prediction).
    public func unitCount(for target: LabFocus.Target) -> Int {
        target == .probs ? model.outputSize : model.hiddenSize
    }

    /// Replaces the clamps and recomputes.
    public mutating func setClamps(_ newClamps: [Clamp]) {
        clamps = newClamps
        recompute()
    }

    /// Replaces the input (and its default targets) and recomputes.
    public mutating func setInput(_ text: String) throws {
        do {
            let parsed = try model.parseInput(text)
            input = parsed
            tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
            targets = LabState.nextTokenTargets(model: model, input: parsed)
            clamps = clamps.filter { c in c.steps.map { $0.upperBound <= parsed.count } ?? true }
        } catch let e as TokenError {
            throw SetupError(description: e.message)
        }
        recompute()
    }

    /// Swaps in a new model of the same shape (after training) and recomputes.
    public mutating func setModel(_ newModel: RecurrentModel) {
        model = newModel
        recompute()
    }

    /// Back to the original model, no clamps, t = 1.
    public mutating func reset() {
        model = originalModel
        clamps = []
        t = 1
        playing = false
        training = nil
        note = "reset to the original model"
        recompute()
    }

    /// The word or `?` at step t.
    public func token(at t: Int) -> String { t >= 1 && t <= tokens.count ? tokens[t - 1] : "" }

    /// The explanation of the focused number at the cursor, from the core.
    public var explanation: Explanation {
        model.explain(focus.quantity, unit: focus.unit, at: t, in: shown)
    }

    /// The training job `t` starts: a built-in task when the vocabulary is one, else the lab's sequence.
    public func trainJob(seed: UInt64 = 0) -> TrainJob {
        let vocab = model.vocab ?? []
        var fresh = model
        var rng = SeededRandom(seed: seed)
        if vocab == ChildrensBook().vocab && model.outputSize == vocab.count {
            fresh.initialise(using: &rng)
            return TrainJob(model: fresh, recipe: .task(.book), config: TrainingConfig(epochs: 800), seed: seed)
        }
        if vocab == DinnerCycle().menu && model.outputSize == vocab.count && model.layout.hasHead {
            fresh.initialise(using: &rng)
            return TrainJob(model: fresh, recipe: .task(.dinner), config: TrainingConfig(epochs: 200), seed: seed)
        }
        // A model whose W_hh is all zero is a feed-forward network: training keeps it memoryless.
        let L = model.layout
        let memoryless = model.parameters[L.weightHH..<L.biasIH].allSatisfy { $0 == 0 }
        return TrainJob(model: model, recipe: .sequence(Example(input: input, targets: targets ?? [])),
                        config: TrainingConfig(epochs: 300, learningRate: 0.01, frozenTensors: memoryless ? ["weight_hh_l0"] : []), seed: seed)
    }

    /// Words for the output classes.
    public func outputLabel(_ k: Int) -> String { model.outputLabel(k) }
}
