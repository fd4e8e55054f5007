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
public struct Trainer {
    public var model: RecurrentModel
    public let config: TrainingConfig
    private var optimizer: Optimizer
    private var trace: Trace
    private var gradients: Gradients
    private var accumulated: [Double]

    public init(model: RecurrentModel, config: TrainingConfig) {
        self.model = model
        self.config = config
        optimizer = Optimizer(config.optimizer, learningRate: config.learningRate, parameterCount: model.layout.count)
        trace = Trace(layout: model.layout, nonlinearity: model.nonlinearity)
        gradients = Gradients(layout: model.layout)
        accumulated = [Double](repeating: 0, count: model.layout.count)
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
            let examples = batch(epoch)
            var epochLoss = 0.0
            var lastNorm = 0.0
            if let window = config.bpttWindow, window > 0 {
                // Truncated BPTT: walk every example window by window, carrying the state.
                for ex in examples {
                    var h0: [Double]? = nil, c0: [Double]? = nil
                    var start = 0
                    let T = ex.input.count
                    while start < T {
                        let end = min(T, start + window)
                        let slice = SequenceInput(vectors: (start..<end).map { ex.input.vector(at: $0 + 1) }, inputSize: ex.input.inputSize)
                        model.forward(slice, targets: Array(ex.targets[start..<end]), targetVectors: ex.targetVectors.map { Array($0[start..<end]) },
                                      initialHidden: h0, initialCell: c0, into: &trace)
                        model.backward(trace, into: &gradients)
                        epochLoss += trace.totalLoss ?? 0
                        lastNorm = applyUpdate(gradients.parameters)
                        h0 = trace.hidden(at: trace.steps)
                        c0 = trace.cell(at: trace.steps)
                        tokenSteps += end - start
                        start = end
                    }
                }
            } else {
                for k in accumulated.indices { accumulated[k] = 0 }
                for ex in examples {
                    model.forward(ex.input, targets: ex.targets, targetVectors: ex.targetVectors, into: &trace)
                    model.backward(trace, into: &gradients)
                    epochLoss += trace.totalLoss ?? 0
                    accumulate()
                    tokenSteps += ex.input.count
                }
                lastNorm = applyUpdate(accumulated)
            }
            losses.append(epochLoss)
            progress?(TrainingProgress(epoch: epoch, epochs: config.epochs, loss: epochLoss, gradientNorm: lastNorm))
        }
        return TrainingOutcome(epochsRun: losses.count, finalLoss: losses.last ?? .nan, cancelled: cancelled,
                               tokenSteps: tokenSteps, losses: losses)
    }

    private mutating func accumulate() {
        let n = accumulated.count
        accumulated.withUnsafeMutableBufferPointer { a in
            gradients.parameters.withUnsafeBufferPointer { g in
                for k in 0..<n { a[k] += g[k] }
            }
        }
    }

    /// Clips (when configured) and applies one update; returns the norm before clipping.
    private mutating func applyUpdate(_ gradient: [Double]) -> Double {
        var g = gradient
        for tensor in model.layout.tensors where config.frozenTensors.contains(tensor.name) {
            for k in tensor.offset..<(tensor.offset + tensor.count) { g[k] = 0 }
        }
        let norm: Double
        if let maxNorm = config.clipNorm {
            norm = clipGradientNorm(&g, maxNorm: maxNorm).normBefore
        } else {
            var s = 0.0
            for v in g { s += v * v }
            norm = s.squareRoot()
        }
        optimizer.update(&model.parameters, gradient: g)
        return norm
    }
}
