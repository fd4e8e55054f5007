/// One training sequence: inputs and a target per step (nil: no loss at that step).
public struct Example: Sendable {
    public var input: SequenceInput
    public var targets: [Int?]
    /// A regression's targets: O numbers per step (nil: no loss there); nil for class targets.
    public var targetVectors: [[Double]?]?

    public init(input: SequenceInput, targets: [Int?], targetVectors: [[Double]?]? = nil) {
        self.input = input
        self.targets = targets
        self.targetVectors = targetVectors
    }
}

/// How to train: the update rule, its step size, clipping, and the BPTT window.
public struct TrainingConfig: Sendable {
    /// The most epochs a command line may ask for (`train --epochs`): a run's only epoch-sized storage is
    /// its loss history, 8 bytes an epoch.
    public static let maxEpochs = 1_000_000
    /// The most hidden values (H × steps) one sequence's trace may hold: with gates, cell states and
    /// gradients about 100 bytes each, so 100 MB. Bounds `train race --hidden --delay` and `analyze race`.
    public static let maxTraceCells = 1_000_000

    public var epochs: Int
    public var optimizer: OptimizerKind
    public var learningRate: Double
    /// Clip the gradient's norm to this before each update (nil: no clipping).
    public var clipNorm: Double?
    /// Truncated BPTT: back-propagate through at most this many steps, updating after each window
    /// (the state is carried forward, the gradient is not). Nil: full BPTT over the whole sequence.
    public var bpttWindow: Int?
    /// Tensors (by `state_dict` name) that training leaves as they are, e.g. `weight_hh_l0` held at
    /// zero turns the RNN into a feed-forward network with no memory.
    public var frozenTensors: Set<String>

    public init(epochs: Int, optimizer: OptimizerKind = .adam, learningRate: Double = 0.02,
                clipNorm: Double? = nil, bpttWindow: Int? = nil, frozenTensors: Set<String> = []) {
        self.frozenTensors = frozenTensors
        self.epochs = epochs
        self.optimizer = optimizer
        self.learningRate = learningRate
        self.clipNorm = clipNorm
        self.bpttWindow = bpttWindow
    }
}

/// Progress reported after each epoch.
public struct TrainingProgress: Sendable, Equatable {
    public let epoch: Int
    public let epochs: Int
    /// The summed loss of the epoch's batch.
    public let loss: Double
    /// The gradient norm before clipping.
    public let gradientNorm: Double

    public init(epoch: Int, epochs: Int, loss: Double, gradientNorm: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.loss = loss
        self.gradientNorm = gradientNorm
    }
}

/// What a training run did.
public struct TrainingOutcome: Sendable {
    public let epochsRun: Int
    public let finalLoss: Double
    public let cancelled: Bool
    /// Token steps processed (forward + backward) in all.
    public let tokenSteps: Int
    public let losses: [Double]
}

/// Trains a model on batches of examples: summed loss, one update per batch (or per BPTT window).
///
/// A run to the end over a `TrainingSession`: the same updates, taken all at once.
public struct Trainer {
    public var model: RecurrentModel {
        get { session.model }
        set { session = TrainingSession(model: newValue, data: session.data, settings: session.settings) }
    }
    public let config: TrainingConfig
    private var session: TrainingSession

    public init(model: RecurrentModel, config: TrainingConfig) {
        self.config = config
        session = TrainingSession(model: model, data: .fixed("the caller's batches", []), settings: TrainingSettings(config))
    }

    /// Runs `config.epochs` epochs; `batch(epoch)` supplies each epoch's examples.
    ///
    /// `progress` is called after every epoch; a raised `cancel` token stops after the current epoch.
    public mutating func train(batch: (Int) -> [Example], progress: ((TrainingProgress) -> Void)? = nil,
                               cancel: CancellationToken? = nil) -> TrainingOutcome {
        // Grown as epochs finish, never reserved from `config.epochs` (a huge request must not allocate up front).
        var losses: [Double] = []
        var tokenSteps = 0
        var cancelled = false
        for epoch in 1...max(1, config.epochs) where epoch <= config.epochs {
            if cancel?.isCancelled == true { cancelled = true; break }
            var epochLoss = 0.0
            var lastNorm = 0.0
            var record: UpdateRecord
            repeat {
                record = session.step(examples: { _ in batch(epoch) })
                epochLoss += record.loss
                tokenSteps += record.tokenSteps
                if record.tokenSteps > 0 || session.settings.window == nil { lastNorm = record.normBefore }
            } while !record.endsEpoch
            losses.append(epochLoss)
            progress?(TrainingProgress(epoch: epoch, epochs: config.epochs, loss: epochLoss, gradientNorm: lastNorm))
        }
        return TrainingOutcome(epochsRun: losses.count, finalLoss: losses.last ?? .nan, cancelled: cancelled,
                               tokenSteps: tokenSteps, losses: losses)
    }
}
