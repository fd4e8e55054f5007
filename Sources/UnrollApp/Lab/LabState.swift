import UnrollCore
import UnrollLessons

/// The lab: a model, an input sequence, the time cursor, clamps, and the runs computed from them.
///
/// Every trace is a `Run` of the core, re-run whenever what it depends on changes,
/// so what the screen shows is always the live model's numbers.
public struct LabState: Sendable {
    public var title: String
    /// The run on the core: model, input, targets and clamps, and every trace and gradient of them.
    public private(set) var run: Run
    /// The model as first loaded (`r` resets to it).
    public let originalModel: RecurrentModel
    /// The input words, `?` for unknown steps.
    public private(set) var tokens: [String]
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
    /// The live training run, if any (shown in the training panel; stays when stopped).
    public var training: LiveTraining?
    /// What `t` trains on, when a lesson's scene names it (`train:`).
    public var trainingChoice: TrainingSource?
    /// The seed of `R` (re-initialise) and of the seeded training data.
    public var trainingSeed: UInt64 = 0
    /// The hand-built unit labels the model had before training changed it ("was: Doug").
    public var labelsWere: [String]?
    /// A one-line note for the status bar (e.g. what the last action did).
    public var note: String?
    /// The time-series lab's series (`unroll lab series`): what really came next, and where the forecast starts.
    public var series: SeriesContext?
    /// Ghost steps after the input: what a text model would say next, fed its own words (`--continue`).
    public var ghosts: GhostRequest?
    /// The explain box's selected term, its place in the box's list (largest first); nil for every term.
    public var explainTerm: Int?
    /// The outputs the prediction panel lists, in order (a lesson scene's `outputs`); nil: every output.
    public var shownOutputs: [Int]?

    /// The outputs the prediction panel lists: `shownOutputs`, or every output.
    public var predictionOutputs: [Int] { shownOutputs ?? Array(0..<model.outputSize) }

    /// Why the lab could not be set up.
    public struct SetupError: Error, CustomStringConvertible, Sendable {
        public let description: String
        public init(description: String) { self.description = description }
    }

    /// A lab on `model` over `inputText` (whitespace-separated tokens); targets default to the next
    /// token when the vocabulary names the outputs (so loss and gradients are defined).
    public init(title: String, model: RecurrentModel, inputText: String, targetsText: String? = nil, clamps: [Clamp] = []) throws {
        let input: SequenceInput
        let targets: Run.Targets
        do {
            input = try model.parseInput(inputText)
            targets = try targetsText.map { .given(try model.parseTargets($0, steps: input.count)) } ?? .nextToken
        } catch let e as TokenError {
            throw SetupError(description: e.message)
        }
        self.init(title: title, run: Run(model: model, input: input, targets: targets, clamps: clamps),
                  tokens: inputText.split(whereSeparator: \.isWhitespace).map(String.init))
    }

    /// A lab embedding `run` (a lesson scene's), whose input words are `tokens`.
    public init(title: String, run: Run, tokens: [String]) {
        self.title = title
        self.run = run
        originalModel = run.model
        self.tokens = tokens
        t = 1
        focus = LabFocus(target: LabFocus.targets(for: run.model.cell)[0])
    }

    public var model: RecurrentModel { run.model }
    public var input: SequenceInput { run.input }
    /// One target per step (nil: none).
    public var targets: [Int?]? { run.targets }
    public var clamps: [Clamp] { run.clamps }
    /// The unclamped run.
    public var free: Trace { run.free }
    /// The clamped run, when there are clamps.
    public var clamped: Trace? { run.clamped }
    /// Gradients of the shown run, when it has targets.
    public var gradients: Gradients? { run.gradients }
    /// Unknown steps (`?`) are fed the network's own previous prediction instead of nothing
    /// (the "out of town" strategy); only for models whose outputs are their input words.
    public var feedOwnPredictions: Bool { run.feedsOwnPredictions }
    /// The words fed at unknown steps when `feedOwnPredictions` is on (nil elsewhere).
    public var fedWords: [String?] {
        if model.inputKind == .real { return fedValues }
        return run.fedTokens.map { $0.map(model.outputLabel) }
    }

    /// T
    public var steps: Int { run.steps }
    /// The run the screen shows: the clamped one when there are clamps.
    public var shown: Trace { run.shown }

    /// Whether the model can feed itself: its outputs are its input words.
    public var canFeedOwnPredictions: Bool { run.canFeedOwnPredictions }

    /// Switches between feeding nothing and feeding the network's own predictions at unknown steps.
    public mutating func toggleOwnPredictions() {
        guard canFeedOwnPredictions else { return }
        replaceRun(run.with(feedOwnPredictions: !feedOwnPredictions))
    }

    /// Takes a re-run and keeps the cursor and focus inside it.
    mutating func replaceRun(_ newRun: Run) {
        run = newRun
        t = min(max(1, t), max(1, steps))
        focus.unit = min(focus.unit, max(0, unitCount(for: focus.target) - 1))
    }

    /// How many units the focus target has (H, or O for the prediction).
    public func unitCount(for target: LabFocus.Target) -> Int {
        target == .probs ? model.outputSize : model.hiddenSize
    }

    /// Replaces the clamps and recomputes.
    public mutating func setClamps(_ newClamps: [Clamp]) {
        replaceRun(run.with(clamps: newClamps))
    }

    /// Replaces the input (and its default targets) and recomputes.
    public mutating func setInput(_ text: String) throws {
        do {
            let parsed = try model.parseInput(text)
            tokens = text.split(whereSeparator: \.isWhitespace).map(String.init)
            replaceRun(Run(model: model, input: parsed, targets: .nextToken,
                           clamps: clamps.filter { c in c.steps.map { $0.upperBound <= parsed.count } ?? true },
                           feedOwnPredictions: feedOwnPredictions))
        } catch let e as TokenError {
            throw SetupError(description: e.message)
        }
    }

    /// Swaps in a new model of the same shape (after training) and recomputes.
    public mutating func setModel(_ newModel: RecurrentModel) {
        replaceRun(run.with(model: newModel))
    }

    /// Back to the original model, no clamps, t = 1.
    public mutating func reset() {
        t = 1
        playing = false
        training = nil
        labelsWere = nil
        note = "reset to the original model"
        replaceRun(Run(model: originalModel, input: input, targets: run.targetPolicy, feedOwnPredictions: feedOwnPredictions))
    }

    /// The word or `?` at step t.
    public func token(at t: Int) -> String { t >= 1 && t <= tokens.count ? tokens[t - 1] : "" }

    /// The explanation of the focused number at the cursor, from the core.
    public var explanation: Explanation {
        model.explain(focus.quantity, unit: focus.unit, at: t, in: shown)
    }

    /// Words for the output classes.
    public func outputLabel(_ k: Int) -> String { model.outputLabel(k) }
}
