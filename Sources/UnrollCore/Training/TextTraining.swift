/// Training a next-token model on a user's own text (`unroll train text FILE --level word|char`): a
/// one-hot token model whose vocabulary names its outputs, trained by cross-entropy on seeded windows
/// of the text. The last tenth is held out: the report gives the next-token accuracy there.
public struct TextTraining: Sendable {
    /// Options of one run.
    public struct Options: Sendable {
        public var cell: CellKind
        public var hidden: Int
        public var config: TrainingConfig
        public var seed: UInt64
        /// Training windows are this many tokens long.
        public var window: Int
        /// Windows per update.
        public var batchSize: Int
        public var nonlinearity: Nonlinearity

        public init(cell: CellKind = .lstm, hidden: Int = 32, config: TrainingConfig, seed: UInt64 = 0, window: Int = 32,
                    batchSize: Int = 8, nonlinearity: Nonlinearity = .tanh) {
            self.cell = cell
            self.hidden = hidden
            self.config = config
            self.seed = seed
            self.window = window
            self.batchSize = batchSize
            self.nonlinearity = nonlinearity
        }
    }

    /// What one run reports.
    public struct Report: Sendable {
        public let cell: CellKind
        public let hidden: Int
        public let level: TextLevel
        public let vocabSize: Int
        public let tokens: Int
        public let epochs: Int
        public let stepsPerEpoch: Int
        /// The last epoch's summed loss.
        public let loss: Double
        /// Next-token accuracy on the held-out tenth (on the training text when it is too short to split).
        public let heldOutAccuracy: Double
        public let seconds: Double
        public let model: RecurrentModel

        /// The report as the JSON object `unroll train` prints.
        public var json: JSONValue {
            .object([
                ("task", .string("text")), ("cell", .string(cell.rawValue)), ("hidden", .number(Double(hidden))),
                ("level", .string(level.rawValue)), ("vocab", .number(Double(vocabSize))), ("tokens", .number(Double(tokens))),
                ("epochs", .number(Double(epochs))), ("steps_per_epoch", .number(Double(stepsPerEpoch))), ("loss", .number(loss)),
                ("held_out_accuracy", .number(heldOutAccuracy)), ("seconds", .number(seconds)),
            ])
        }
    }

    public let corpus: TextCorpus

    public init(corpus: TextCorpus) { self.corpus = corpus }

    /// Trains a fresh, seeded model on the corpus.
    public func run(_ options: Options, name: String? = nil, description: String? = nil,
                    progress: ((TrainingProgress) -> Void)? = nil, cancel: CancellationToken? = nil) -> Report {
        let ids = corpus.indices
        let V = corpus.vocab.count
        let n = ids.count
        let cut = n >= 20 ? n - n / 10 : n
        let W = max(1, min(options.window, cut - 1))
        var initRNG = SeededRandom(seed: options.seed)
        var dataRNG = SeededRandom(seed: options.seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        var model = RecurrentModel(kind: options.cell, inputSize: V, hiddenSize: options.hidden, outputSize: V, hasHead: true,
                                   nonlinearity: options.nonlinearity, vocab: corpus.vocab)
        model.initialise(using: &initRNG)
        func example(at start: Int, length: Int) -> Example {
            Example(input: SequenceInput(tokens: ids[start..<(start + length)].map { $0 }, inputSize: V),
                    targets: ids[(start + 1)...(start + length)].map { $0 })
        }
        let starts = max(1, cut - W)
        let batch = max(1, options.batchSize)
        var trainer = Trainer(model: model, config: options.config)
        let clock = ContinuousClock()
        let began = clock.now
        let outcome = trainer.train(batch: { _ in
            (0..<min(batch, starts)).map { _ in example(at: dataRNG.below(starts), length: W) }
        }, progress: progress, cancel: cancel)
        let elapsed = clock.now - began
        var trained = trainer.model
        trained.name = name
        trained.description = description
        // Held out: read the whole text, score the predictions of the last tenth's tokens.
        let all = trained.forward(SequenceInput(tokens: ids.dropLast().map { $0 }, inputSize: V))
        let scoredFrom = cut < n ? cut - 1 : 0
        var correct = 0, total = 0
        for s in scoredFrom..<(n - 1) {
            total += 1
            if all.predicted(at: s + 1) == ids[s + 1] { correct += 1 }
        }
        return Report(cell: options.cell, hidden: options.hidden, level: corpus.level, vocabSize: V, tokens: n,
                      epochs: outcome.epochsRun, stepsPerEpoch: min(batch, starts) * W, loss: outcome.finalLoss,
                      heldOutAccuracy: total > 0 ? Double(correct) / Double(total) : 0,
                      seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18, model: trained)
    }
}
