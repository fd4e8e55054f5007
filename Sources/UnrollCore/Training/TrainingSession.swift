/// The settings of a training run that may change between any two updates.
public struct TrainingSettings: Sendable, Equatable {
    public var optimizer: OptimizerKind
    public var learningRate: Double
    /// Clip the gradient's norm to this before each update (nil: no clipping).
    public var clipNorm: Double?
    /// Truncated BPTT: back-propagate through at most this many steps, one update per window
    /// (the state is carried forward, the gradient is not). Nil: full BPTT, one update per epoch.
    public var bpttWindow: Int?
    /// Tensors (by `state_dict` name) that training leaves as they are.
    public var frozenTensors: Set<String>

    public init(optimizer: OptimizerKind = .adam, learningRate: Double = 0.02, clipNorm: Double? = nil,
                bpttWindow: Int? = nil, frozenTensors: Set<String> = []) {
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.bpttWindow = bpttWindow
        self.frozenTensors = frozenTensors
    }

    /// The settings of a `TrainingConfig` (everything but its epoch count).
    public init(_ config: TrainingConfig) {
        self.init(optimizer: config.optimizer, learningRate: config.learningRate, clipNorm: config.clipNorm,
                  bpttWindow: config.bpttWindow, frozenTensors: config.frozenTensors)
    }

    /// The truncation window in use (nil for full BPTT; a window below 1 counts as full).
    var window: Int? { bpttWindow.flatMap { $0 > 0 ? $0 : nil } }
}

/// What one update trained on and what it did.
public struct UpdateRecord: Sendable, Equatable {
    /// 1-based: the how-manyth update of the session.
    public let update: Int
    /// 1-based: the epoch whose examples this update trained on.
    public let epoch: Int
    /// The summed loss of what this update trained on (the epoch's examples, or one BPTT window).
    public let loss: Double
    /// The gradient's norm before clipping.
    public let normBefore: Double
    /// The gradient's norm after clipping (equal to `normBefore` when nothing was clipped).
    public let normAfter: Double
    /// Token steps processed (forward + backward) by this update.
    public let tokenSteps: Int
    /// Whether this update finished its epoch (always, with full BPTT).
    public let endsEpoch: Bool

    public init(update: Int, epoch: Int, loss: Double, normBefore: Double, normAfter: Double, tokenSteps: Int, endsEpoch: Bool) {
        self.update = update
        self.epoch = epoch
        self.loss = loss
        self.normBefore = normBefore
        self.normAfter = normAfter
        self.tokenSteps = tokenSteps
        self.endsEpoch = endsEpoch
    }
}

/// What a training run trains on: a name for the screen and each epoch's examples, a pure function
/// of the epoch number (so a run's data never depends on when or how fast it ran).
public struct TrainingData: Sendable {
    /// What the screen calls it ("this sentence", "fresh 50-sentence stories", …).
    public let name: String
    private let examples: @Sendable (Int) -> [Example]

    public init(name: String, examples: @escaping @Sendable (Int) -> [Example]) {
        self.name = name
        self.examples = examples
    }

    /// The examples of 1-based epoch `epoch`.
    public func examples(epoch: Int) -> [Example] { examples(epoch) }

    /// The same example every epoch.
    public static func fixed(_ name: String, _ examples: [Example]) -> TrainingData {
        TrainingData(name: name) { _ in examples }
    }

    /// One sequence with its targets, every epoch.
    public static func sentence(_ example: Example) -> TrainingData { .fixed("this sentence", [example]) }

    /// Every start of the dinner cycle over `days` days, every epoch.
    public static func dinnerCycle(_ cycle: DinnerCycle = DinnerCycle(), days: Int? = nil) -> TrainingData {
        .fixed("the dinner cycle", cycle.allStarts(days: days ?? 3 * cycle.menu.count))
    }

    /// A fresh seeded story of `sentences` sentences each epoch (epoch e's story depends on (seed, e) only).
    public static func stories(_ book: ChildrensBook = ChildrensBook(), sentences: Int = 50, seed: UInt64) -> TrainingData {
        TrainingData(name: "fresh \(sentences)-sentence stories") { epoch in
            var rng = SeededRandom(seed: epochSeed(seed, epoch))
            return [book.example(story: book.story(sentences: sentences, rng: &rng))]
        }
    }

    /// A fresh seeded batch of memory-race sequences each epoch.
    public static func race(_ race: MemoryRace, batch: Int = 32, seed: UInt64) -> TrainingData {
        TrainingData(name: "the race: recall after \(race.delay)") { epoch in
            var rng = SeededRandom(seed: epochSeed(seed, epoch))
            return race.batch(batch, rng: &rng)
        }
    }

    /// The seed of one epoch's data: a mix of the run's seed and the epoch (SplitMix64's finaliser).
    static func epochSeed(_ seed: UInt64, _ epoch: Int) -> UInt64 {
        var z = seed &+ UInt64(truncatingIfNeeded: epoch) &* 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A training run taken one update at a time: `step()` does exactly one update, and the settings
/// may change between any two. The same model, data and sequence of settings give the same weights,
/// however the steps are spread in time.
///
/// Full BPTT makes one update per epoch (the epoch's examples' gradients summed); truncated BPTT
/// walks the epoch's examples window by window, one update per window, carrying the state. A
/// switch to full BPTT in the middle of an epoch drops the rest of that epoch.
public struct TrainingSession: Sendable {
    public private(set) var model: RecurrentModel
    /// Applied from the next update on; a change of optimizer starts it afresh (no moments).
    public var settings: TrainingSettings {
        didSet {
            if settings.optimizer != optimizer.kind {
                optimizer = Optimizer(settings.optimizer, learningRate: settings.learningRate, parameterCount: model.layout.count)
            }
            optimizer.learningRate = settings.learningRate
            if settings.window == nil { walk = nil }
        }
    }
    public let data: TrainingData
    /// Updates done so far.
    public private(set) var updates = 0
    /// The epoch the next update trains on (1-based).
    public private(set) var epoch = 1
    private var optimizer: Optimizer
    private var trace: Trace
    private var gradients: Gradients
    private var accumulated: [Double]
    /// Where a truncated walk through the current epoch stands.
    private var walk: Walk?

    private struct Walk: Sendable {
        var examples: [Example]
        var example = 0
        var start = 0
        var hidden: [Double]? = nil
        var cell: [Double]? = nil
    }

    public init(model: RecurrentModel, data: TrainingData, settings: TrainingSettings) {
        self.model = model
        self.data = data
        self.settings = settings
        optimizer = Optimizer(settings.optimizer, learningRate: settings.learningRate, parameterCount: model.layout.count)
        trace = Trace(layout: model.layout, nonlinearity: model.nonlinearity)
        gradients = Gradients(layout: model.layout)
        accumulated = [Double](repeating: 0, count: model.layout.count)
    }

    /// Does exactly one update on the session's data.
    @discardableResult
    public mutating func step() -> UpdateRecord {
        let data = self.data
        return step(examples: data.examples(epoch:))
    }

    /// Does exactly one update, taking an epoch's examples from `examples` when an epoch begins
    /// (`Trainer` passes its caller's batch function; each epoch is asked for once, in order).
    mutating func step(examples: (Int) -> [Example]) -> UpdateRecord {
        updates += 1
        let thisEpoch = epoch
        guard let window = settings.window else {
            walk = nil
            for k in accumulated.indices { accumulated[k] = 0 }
            var loss = 0.0, tokens = 0
            for ex in examples(thisEpoch) {
                model.forward(ex.input, targets: ex.targets, targetVectors: ex.targetVectors, into: &trace)
                model.backward(trace, into: &gradients)
                loss += trace.totalLoss ?? 0
                accumulate()
                tokens += ex.input.count
            }
            let clip = applyUpdate(accumulated)
            epoch += 1
            return UpdateRecord(update: updates, epoch: thisEpoch, loss: loss, normBefore: clip.normBefore, normAfter: clip.normAfter,
                                tokenSteps: tokens, endsEpoch: true)
        }
        var w = walk ?? Walk(examples: examples(thisEpoch))
        // Skip examples with no steps left; an epoch with nothing to train on ends without an update.
        while w.example < w.examples.count && w.start >= w.examples[w.example].input.count {
            w.example += 1
            w.start = 0
            w.hidden = nil
            w.cell = nil
        }
        guard w.example < w.examples.count else {
            walk = nil
            epoch += 1
            return UpdateRecord(update: updates, epoch: thisEpoch, loss: 0, normBefore: 0, normAfter: 0, tokenSteps: 0, endsEpoch: true)
        }
        let ex = w.examples[w.example]
        let end = min(ex.input.count, w.start + window)
        let slice = SequenceInput(vectors: (w.start..<end).map { ex.input.vector(at: $0 + 1) }, inputSize: ex.input.inputSize)
        model.forward(slice, targets: Array(ex.targets[w.start..<end]), targetVectors: ex.targetVectors.map { Array($0[w.start..<end]) },
                      initialHidden: w.hidden, initialCell: w.cell, into: &trace)
        model.backward(trace, into: &gradients)
        let loss = trace.totalLoss ?? 0
        let clip = applyUpdate(gradients.parameters)
        w.hidden = trace.hidden(at: trace.steps)
        w.cell = trace.cell(at: trace.steps)
        let tokens = end - w.start
        w.start = end
        // The epoch ends when no later example has a step left.
        var rest = w.example
        while rest < w.examples.count && (rest == w.example ? w.start : 0) >= w.examples[rest].input.count { rest += 1 }
        let ends = rest >= w.examples.count
        if ends {
            walk = nil
            epoch += 1
        } else {
            walk = w
        }
        return UpdateRecord(update: updates, epoch: thisEpoch, loss: loss, normBefore: clip.normBefore, normAfter: clip.normAfter,
                            tokenSteps: tokens, endsEpoch: ends)
    }

    private mutating func accumulate() {
        let n = accumulated.count
        accumulated.withUnsafeMutableBufferPointer { a in
            gradients.parameters.withUnsafeBufferPointer { g in
                for k in 0..<n { a[k] += g[k] }
            }
        }
    }

    /// Zeroes frozen tensors, clips (when set) and applies one update.
    private mutating func applyUpdate(_ gradient: [Double]) -> ClipResult {
        var g = gradient
        for tensor in model.layout.tensors where settings.frozenTensors.contains(tensor.name) {
            for k in tensor.offset..<(tensor.offset + tensor.count) { g[k] = 0 }
        }
        let clip: ClipResult
        if let maxNorm = settings.clipNorm {
            clip = clipGradientNorm(&g, maxNorm: maxNorm)
        } else {
            var s = 0.0
            for v in g { s += v * v }
            clip = ClipResult(normBefore: s.squareRoot(), normAfter: s.squareRoot())
        }
        optimizer.update(&model.parameters, gradient: g)
        return clip
    }
}
