/// One run of a model: model, input, targets and clamps in; the free trace, the clamped trace and
/// their gradients out, with unknown steps optionally fed the network's own predictions.
///
/// The lesson scene produces it, the checks read it, and the lab and the BPTT screen embed it, so
/// a check tests exactly the numbers a screen shows. Targets follow one policy (`Targets`).
///
/// ```swift
/// let run = Run(model: model, input: try model.parseInput("Jane saw Spot . Doug saw"))
/// run.targets        // the next word at each step, none at the last
/// run.shown.totalLoss
/// ```
public struct Run: Sendable {
    /// Where a run's targets come from: the one policy shared by scenes, checks and screens.
    public enum Targets: Sendable, Equatable {
        /// The next input token at each step (none at the last) when the model's outputs are its
        /// input words and the input is tokens; otherwise no targets.
        case nextToken
        /// One target per step (nil: none at that step).
        case given([Int?])
    }

    public let model: RecurrentModel
    /// The input as given (`?` steps are nil tokens).
    public let input: SequenceInput
    /// The policy the targets came from.
    public let targetPolicy: Targets
    /// One target per step (nil: none there), or nil when the policy gives none.
    public let targets: [Int?]?
    public let clamps: [Clamp]
    /// Unknown steps are fed the network's previous prediction (the "out of town" strategy).
    public let feedsOwnPredictions: Bool
    /// The run without clamps.
    public let free: Trace
    /// Gradients of the free run's total loss; nil without targets.
    public let freeGradients: Gradients?
    /// The run with the clamps; nil when there are none.
    public let clamped: Trace?
    /// Gradients of the clamped run; nil without clamps or targets.
    public let clampedGradients: Gradients?
    /// The tokens fed at unknown steps of the free run (nil where the step was not fed); empty when not feeding.
    public let fedTokens: [Int?]

    /// Runs `model` on `input` forward, and backward when a step has a target.
    ///
    /// - Parameters:
    ///   - recordStepShares: record each step's share of every parameter gradient (the BPTT
    ///     screen); nil records them when the run is small (T · P ≤ 200 000).
    /// - Complexity: O(T · G·H·(I + H)) per trace, O(U · T) more with `feedOwnPredictions` for U unknown steps.
    public init(model: RecurrentModel, input: SequenceInput, targets: Targets = .nextToken, clamps: [Clamp] = [],
                feedOwnPredictions: Bool = false, recordStepShares: Bool? = nil) {
        self.model = model
        self.input = input
        targetPolicy = targets
        switch targets {
        case .nextToken: self.targets = Run.nextTokenTargets(model: model, input: input)
        case let .given(list):
            self.targets = list.count == input.count ? list : Array((list + [Int?](repeating: nil, count: input.count)).prefix(input.count))
        }
        self.clamps = clamps
        let feeding = feedOwnPredictions && Run.canFeedOwnPredictions(model: model, input: input)
        feedsOwnPredictions = feeding
        let shares = recordStepShares ?? (input.count * model.layout.count <= 200_000)
        let (freeInput, fed) = Run.effectiveInput(model: model, input: input, feeding: feeding, clamps: [])
        fedTokens = fed
        free = model.forward(freeInput, targets: self.targets)
        freeGradients = free.hasTargets ? model.backward(free, recordStepShares: shares) : nil
        if clamps.isEmpty {
            clamped = nil
            clampedGradients = nil
        } else {
            let c = model.forward(Run.effectiveInput(model: model, input: input, feeding: feeding, clamps: clamps).0,
                                  targets: self.targets, clamps: clamps)
            clamped = c
            clampedGradients = c.hasTargets ? model.backward(c, recordStepShares: shares) : nil
        }
    }

    /// T.
    public var steps: Int { free.steps }
    /// The run a screen shows first: the clamped one when there are clamps.
    public var shown: Trace { clamped ?? free }
    /// Gradients of the shown run.
    public var gradients: Gradients? { clamped == nil ? freeGradients : clampedGradients }
    /// Whether some step has a target.
    public var hasTargets: Bool { targets?.contains { $0 != nil } ?? false }
    /// Whether the model can feed itself: its outputs are its input words.
    public var canFeedOwnPredictions: Bool { Run.canFeedOwnPredictions(model: model, input: input) }

    /// The same run with another model (trained or scaled), re-run.
    public func with(model newModel: RecurrentModel) -> Run {
        Run(model: newModel, input: input, targets: targetPolicy, clamps: clamps, feedOwnPredictions: feedsOwnPredictions)
    }

    /// The same run with other clamps, re-run.
    public func with(clamps newClamps: [Clamp]) -> Run {
        Run(model: model, input: input, targets: targetPolicy, clamps: newClamps, feedOwnPredictions: feedsOwnPredictions)
    }

    /// The same run with unknown steps fed (or not) the network's predictions, re-run.
    public func with(feedOwnPredictions feed: Bool) -> Run {
        Run(model: model, input: input, targets: targetPolicy, clamps: clamps, feedOwnPredictions: feed)
    }

    /// The same run recording every step's share of the gradients (for the BPTT screen).
    public func recordingStepShares() -> Run {
        Run(model: model, input: input, targets: targetPolicy, clamps: clamps, feedOwnPredictions: feedsOwnPredictions,
            recordStepShares: true)
    }

    /// The targets of the `nextToken` policy: the input shifted by one (the last step has none),
    /// when the model's outputs are its input words; nil otherwise.
    public static func nextTokenTargets(model: RecurrentModel, input: SequenceInput) -> [Int?]? {
        guard model.vocabCoversOutputs, let tokens = input.tokens, tokens.count > 1 else { return nil }
        return Array(tokens.dropFirst()) + [nil]
    }

    static func canFeedOwnPredictions(model: RecurrentModel, input: SequenceInput) -> Bool {
        // A series forecaster feeds its read-out (`forwardFeedingPredictions`); a token model its predicted word.
        if model.inputKind == .real { return model.canFeedPredictions && input.tokens == nil }
        return model.vocabCoversOutputs && model.inputSize == model.outputSize && input.tokens != nil
    }

    /// The input actually run: `input`, or with each `?` replaced by the prediction before it.
    /// A real-valued series is fed its read-out y_{t−1} (the fed tokens are then empty; the input shows the values).
    static func effectiveInput(model: RecurrentModel, input: SequenceInput, feeding: Bool, clamps: [Clamp]) -> (SequenceInput, [Int?]) {
        if feeding, model.inputKind == .real {
            let fed = model.forwardFeedingPredictions(input, clamps: clamps)
            var x = SequenceInput(values: (0..<fed.steps).flatMap { fed.input(at: $0 + 1) }, inputSize: model.inputSize)
            x.unknownSteps = input.unknownSteps
            return (x, [])
        }
        guard feeding, var tokens = input.tokens else { return (input, []) }
        var fed = [Int?](repeating: nil, count: tokens.count)
        for s in 1..<max(1, tokens.count) where tokens[s] == nil {
            let prefix = SequenceInput(tokens: Array(tokens[0..<s]), inputSize: model.inputSize)
            let run = model.forward(prefix, clamps: clamps.filter { c in c.steps.map { $0.lowerBound <= s } ?? true })
            let guess = run.predicted(at: s)
            tokens[s] = guess
            fed[s] = guess
        }
        return (SequenceInput(tokens: tokens, inputSize: model.inputSize), fed)
    }
}
