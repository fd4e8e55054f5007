/// The training recipes behind `unroll train`: the dinner cycle, the children's book, the memory race.
public enum TrainTask: String, CaseIterable, Sendable {
    case dinner, book, race

    /// The recipe's defaults: hidden size, epochs, learning rate.
    public var defaults: (hidden: Int, epochs: Int, learningRate: Double) {
        switch self {
        case .dinner: return (4, 200, 0.02)
        case .book: return (8, 800, 0.02)
        case .race: return (16, 1500, 0.01)
        }
    }

    /// What one run reports.
    public struct Report: Sendable {
        public let task: TrainTask
        public let cell: CellKind
        public let hidden: Int
        public let epochs: Int
        /// Token steps per epoch (forward and backward).
        public let stepsPerEpoch: Int
        public let loss: Double
        public let accuracy: Double
        /// Book only: the largest probability put on the sentence's own subject right after "saw".
        public let subjectAfterSaw: Double?
        /// Training wall time.
        public let seconds: Double
        public let cancelled: Bool
        public let model: RecurrentModel

        /// The report as the JSON object `unroll train` prints.
        public var json: JSONValue {
            var m: [(String, JSONValue)] = [
                ("task", .string(task.rawValue)), ("cell", .string(cell.rawValue)), ("hidden", .number(Double(hidden))),
                ("epochs", .number(Double(epochs))), ("steps_per_epoch", .number(Double(stepsPerEpoch))),
                ("loss", .number(loss)), ("accuracy", .number(accuracy)),
            ]
            if let s = subjectAfterSaw { m.append(("subject_after_saw", .number(s))) }
            m.append(("seconds", .number(seconds)))
            return .object(m)
        }
    }

    /// Options of one run.
    public struct Options: Sendable {
        public var cell: CellKind
        public var hidden: Int
        public var config: TrainingConfig
        public var seed: UInt64
        /// The race's delay N (distractors between the symbol and the cue).
        public var delay: Int
        /// The race's batch size.
        public var batchSize: Int
        public var nonlinearity: Nonlinearity
        /// The LSTM's forget-gate bias at the start (b_ih + b_hh of the forget rows, see
        /// `RecurrentModel.setForgetGateBias`); nil: PyTorch's uniform start. Ignored without a forget gate.
        public var forgetBias: Double?

        public init(cell: CellKind, hidden: Int, config: TrainingConfig, seed: UInt64, delay: Int = 10, batchSize: Int = 32,
                    nonlinearity: Nonlinearity = .tanh, forgetBias: Double? = nil) {
            self.forgetBias = forgetBias
            self.cell = cell
            self.hidden = hidden
            self.config = config
            self.seed = seed
            self.delay = delay
            self.batchSize = batchSize
            self.nonlinearity = nonlinearity
        }
    }

    /// Trains a fresh, seeded model by this recipe and measures it on held-out data.
    public func run(_ options: Options, progress: ((TrainingProgress) -> Void)? = nil, cancel: CancellationToken? = nil) -> Report {
        var initRNG = SeededRandom(seed: options.seed)
        var dataRNG = SeededRandom(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        var heldOutRNG = SeededRandom(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 2)
        let vocab: [String]
        switch self {
        case .dinner: vocab = DinnerCycle().menu
        case .book: vocab = ChildrensBook().vocab
        case .race: vocab = MemoryRace(delay: options.delay).vocab
        }
        var model = RecurrentModel(kind: options.cell, inputSize: vocab.count, hiddenSize: options.hidden,
                                   outputSize: vocab.count, hasHead: true, nonlinearity: options.nonlinearity, vocab: vocab)
        model.initialise(using: &initRNG, forgetBias: options.forgetBias)
        model.name = "\(rawValue) \(options.cell.rawValue) (seed \(options.seed))"
        var trainer = Trainer(model: model, config: options.config)
        let clock = ContinuousClock()
        let started = clock.now
        let outcome: TrainingOutcome
        let stepsPerEpoch: Int
        switch self {
        case .dinner:
            let cycle = DinnerCycle()
            let batch = cycle.allStarts(days: 3 * cycle.menu.count)
            stepsPerEpoch = batch.reduce(0) { $0 + $1.input.count }
            outcome = trainer.train(batch: { _ in batch }, progress: progress, cancel: cancel)
        case .book:
            let book = ChildrensBook()
            stepsPerEpoch = 199
            outcome = trainer.train(batch: { _ in [book.example(story: book.story(sentences: 50, rng: &dataRNG))] },
                                    progress: progress, cancel: cancel)
        case .race:
            let race = MemoryRace(delay: options.delay)
            stepsPerEpoch = options.batchSize * race.length
            outcome = trainer.train(batch: { _ in race.batch(options.batchSize, rng: &dataRNG) }, progress: progress, cancel: cancel)
        }
        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let trained = trainer.model
        var accuracy = 0.0
        var subject: Double? = nil
        switch self {
        case .dinner:
            let cycle = DinnerCycle()
            var correct = 0, total = 0
            for ex in cycle.allStarts(days: 4 * cycle.menu.count) {
                let trace = trained.forward(ex.input)
                for t in 1...trace.steps {
                    total += 1
                    if trace.predicted(at: t) == ex.targets[t - 1] { correct += 1 }
                }
            }
            accuracy = Double(correct) / Double(total)
        case .book:
            let book = ChildrensBook()
            let result = book.evaluate(trained, story: book.story(sentences: 50, rng: &heldOutRNG))
            accuracy = result.accuracy
            subject = result.subjectAfterSaw
        case .race:
            let race = MemoryRace(delay: options.delay)
            accuracy = race.accuracy(trained, on: race.batch(512, rng: &heldOutRNG))
        }
        return Report(task: self, cell: options.cell, hidden: options.hidden, epochs: outcome.epochsRun, stepsPerEpoch: stepsPerEpoch,
                      loss: outcome.finalLoss, accuracy: accuracy, subjectAfterSaw: subject, seconds: seconds,
                      cancelled: outcome.cancelled, model: trained)
    }
}
