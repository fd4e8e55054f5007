/// The memory race: train an RNN, an LSTM and a GRU (same hidden size, same budget, same seed) to
/// recall the first token after N distractors, for a list of N, and measure held-out accuracy.
///
/// Each (cell, delay) run is exactly `unroll train race --cell C --delay N --seed S --hidden H
/// --epochs STEPS --lr LR` (same seeds for the initial weights, the training batches and the
/// held-out set), so every cell sees the same sequences. The runner is synchronous: the app calls it
/// on a background thread, watches `progress`, and stops it with a `CancellationToken`.
///
/// ```swift
/// let report = MemoryRaceRunner.run(.init(delays: [2, 10]), progress: { p in print(p.fractionDone) })
/// report.accuracy(cell: .lstm, delay: 10)
/// ```
public enum MemoryRaceRunner {
    /// What to race.
    public struct Configuration: Sendable, Equatable {
        public var cells: [CellKind]
        /// The delays N (distractors between the symbol and the cue), in order.
        public var delays: [Int]
        /// H, the same for every cell.
        public var hiddenSize: Int
        /// Adam updates per run, one batch each.
        public var steps: Int
        public var batchSize: Int
        public var learningRate: Double
        public var seed: UInt64
        /// The RNN's squashing function.
        public var nonlinearity: Nonlinearity
        public var clipNorm: Double?
        /// Held-out sequences for the final accuracy.
        public var evaluationSize: Int
        /// Updates between the quick accuracy probes reported in `progress`.
        public var probeInterval: Int
        /// Sequences per probe.
        public var probeSize: Int

        /// The default race: RNN, LSTM and GRU at H=16 over delays 2, 5, 10, 15, 20, 30, 1500 Adam
        /// updates of batch 32 at lr 0.01 each (the PyTorch reference's budget).
        public init(cells: [CellKind] = [.rnn, .lstm, .gru], delays: [Int] = Configuration.defaultDelays, hiddenSize: Int = 16,
                    steps: Int = 1500, batchSize: Int = 32, learningRate: Double = 0.01, seed: UInt64 = 0,
                    nonlinearity: Nonlinearity = .tanh, clipNorm: Double? = nil, evaluationSize: Int = 512,
                    probeInterval: Int = 100, probeSize: Int = 64) {
            self.cells = cells
            self.delays = delays
            self.hiddenSize = hiddenSize
            self.steps = steps
            self.batchSize = batchSize
            self.learningRate = learningRate
            self.seed = seed
            self.nonlinearity = nonlinearity
            self.clipNorm = clipNorm
            self.evaluationSize = evaluationSize
            self.probeInterval = probeInterval
            self.probeSize = probeSize
        }

        public static let defaultDelays = [2, 5, 10, 15, 20, 30]

        /// The largest batch a command line may ask for (`analyze race --batch`).
        public static let maxBatchSize = 4096
        /// The most Adam steps per run (`analyze race --steps`).
        public static let maxSteps = 1_000_000
        /// The most token steps in one batch (batch × (delay + 2)), which bounds a batch's memory.
        public static let maxBatchTokenSteps = 1_000_000

        /// Token steps (forward + backward) the whole race trains on.
        /// Saturates at `Int.max` rather than overflow, whatever lists a command line gives.
        public var tokenSteps: Int {
            let total = Double(cells.count) * delays.reduce(0.0) { $0 + Double(steps) * Double(batchSize) * Double($1 + 2) }
            return total >= 9.2e18 ? Int.max : Int(total)
        }
    }

    /// One finished run.
    public struct Result: Sendable, Equatable {
        public let cell: CellKind
        public let delay: Int
        /// Share of held-out sequences whose last-step prediction is the first symbol.
        public let accuracy: Double
        /// The mean cross-entropy per sequence of the last training batch.
        public let finalLoss: Double
        public let stepsRun: Int
        public let seconds: Double
        /// The trained model.
        public let model: RecurrentModel
    }

    /// Reported after every update.
    public struct Progress: Sendable {
        public let cell: CellKind
        public let delay: Int
        /// Updates done in the current run, of `steps`.
        public let step: Int
        public let steps: Int
        /// The current batch's mean cross-entropy per sequence.
        public let loss: Double
        /// The current run's accuracy on the latest probe (nil before the first probe).
        public let accuracy: Double?
        /// 0-based index of the current run and the number of runs.
        public let run: Int
        public let runs: Int
        /// Share of all token steps done, 0…1 (runs at longer delays weigh more).
        public let fractionDone: Double
        /// The runs finished so far.
        public let finished: [Result]
    }

    /// What a race produced.
    public struct Report: Sendable {
        public let configuration: Configuration
        /// Finished runs in order (cells within delays); fewer than cells × delays when cancelled.
        public let results: [Result]
        public let cancelled: Bool
        public let seconds: Double

        /// The held-out accuracy of `cell` at `delay`, if that run finished.
        public func accuracy(cell: CellKind, delay: Int) -> Double? {
            results.first { $0.cell == cell && $0.delay == delay }?.accuracy
        }

        /// The report as one JSON object: the configuration, then `accuracy` per cell as an array
        /// over `delays` (null where the run did not finish).
        public var json: JSONValue {
            let c = configuration
            var acc: [(String, JSONValue)] = []
            for cell in c.cells {
                acc.append((cell.rawValue, .array(c.delays.map { d in accuracy(cell: cell, delay: d).map { .number($0) } ?? .null })))
            }
            return .object([
                ("task", .string("memory-race")),
                ("hidden", .number(Double(c.hiddenSize))), ("steps", .number(Double(c.steps))),
                ("batch", .number(Double(c.batchSize))), ("lr", .number(c.learningRate)),
                ("seed", .number(Double(c.seed))), ("nonlinearity", .string(c.nonlinearity.rawValue)),
                ("delays", .numbers(c.delays.map(Double.init))),
                ("accuracy", .object(acc)),
                ("runs", .array(results.map { r in
                    .object([("cell", .string(r.cell.rawValue)), ("delay", .number(Double(r.delay))),
                             ("accuracy", .number(r.accuracy)), ("loss", .number(r.finalLoss)),
                             ("steps", .number(Double(r.stepsRun))), ("seconds", .number(r.seconds))])
                })),
                ("cancelled", .bool(cancelled)),
                ("seconds", .number(seconds)),
            ])
        }
    }

    /// Runs every (delay, cell) pair in turn, delays outermost.
    ///
    /// - Parameters:
    ///   - progress: called after every update, on the calling thread.
    ///   - cancel: raised from another thread, stops after the current update; the report then
    ///     holds the runs that finished.
    /// - Complexity: O(steps · batch · Σ(N+2) · G·H·(I + H)) per cell.
    public static func run(_ configuration: Configuration, progress: ((Progress) -> Void)? = nil,
                           cancel: CancellationToken? = nil) -> Report {
        let c = configuration
        let clock = ContinuousClock()
        let started = clock.now
        var results: [Result] = []
        let runs = c.cells.count * c.delays.count
        let total = Double(max(1, c.tokenSteps))
        var done = 0.0
        var cancelled = false
        var run = 0
        outer: for delay in c.delays {
            for cell in c.cells {
                if cancel?.isCancelled == true { cancelled = true; break outer }
                let before = clock.now
                let weight = Double(c.batchSize * (delay + 2))
                let doneBefore = done
                let finishedSoFar = results
                let outcome = train(cell: cell, delay: delay, configuration: c, cancel: cancel) { step, loss, accuracy in
                    progress?(Progress(cell: cell, delay: delay, step: step, steps: c.steps, loss: loss, accuracy: accuracy,
                                       run: run, runs: runs, fractionDone: min(1, (doneBefore + Double(step) * weight) / total),
                                       finished: finishedSoFar))
                }
                done += Double(c.steps) * weight
                run += 1
                if outcome.cancelled { cancelled = true; break outer }
                results.append(Result(cell: cell, delay: delay, accuracy: outcome.accuracy, finalLoss: outcome.loss,
                                      stepsRun: outcome.steps, seconds: seconds(clock.now - before), model: outcome.model))
            }
        }
        return Report(configuration: c, results: results, cancelled: cancelled, seconds: seconds(clock.now - started))
    }

    /// One seeded run, seeded exactly as `TrainTask.race`, trained in chunks of `probeInterval`
    /// updates (one Adam optimiser throughout) with a probe of the accuracy after each chunk.
    static func train(cell: CellKind, delay: Int, configuration c: Configuration, cancel: CancellationToken?,
                      report: (Int, Double, Double?) -> Void)
        -> (accuracy: Double, loss: Double, steps: Int, cancelled: Bool, model: RecurrentModel) {
        var initRNG = SeededRandom(seed: c.seed)
        var dataRNG = SeededRandom(seed: c.seed &* 0x2545_F491_4F6C_DD1D &+ 1)
        var heldOutRNG = SeededRandom(seed: c.seed &* 0x2545_F491_4F6C_DD1D &+ 2)
        var probeRNG = SeededRandom(seed: c.seed &* 0x2545_F491_4F6C_DD1D &+ 3)
        let race = MemoryRace(delay: delay)
        let vocab = race.vocab
        var model = RecurrentModel(kind: cell, inputSize: vocab.count, hiddenSize: c.hiddenSize, outputSize: vocab.count,
                                   hasHead: true, nonlinearity: c.nonlinearity, vocab: vocab)
        model.initialise(using: &initRNG)
        model.name = "race \(cell.rawValue) (seed \(c.seed))"
        let interval = max(1, c.probeInterval)
        var trainer = Trainer(model: model, config: TrainingConfig(epochs: interval, optimizer: .adam, learningRate: c.learningRate,
                                                                   clipNorm: c.clipNorm))
        let probe = race.batch(c.probeSize, rng: &probeRNG)
        var step = 0
        var lastLoss = Double.nan
        var probeAccuracy: Double? = nil
        var cancelled = false
        while step < c.steps {
            let want = min(interval, c.steps - step)
            let stop = CancellationToken()
            var inChunk = 0
            withoutActuallyEscaping(report) { report in
                _ = trainer.train(batch: { _ in race.batch(c.batchSize, rng: &dataRNG) }, progress: { p in
                    inChunk += 1
                    step += 1
                    lastLoss = p.loss / Double(max(1, c.batchSize))
                    report(step, lastLoss, probeAccuracy)
                    if inChunk >= want || cancel?.isCancelled == true { stop.cancel() }
                }, cancel: stop)
            }
            if cancel?.isCancelled == true && step < c.steps { cancelled = true; break }
            if c.probeSize > 0 {
                probeAccuracy = race.accuracy(trainer.model, on: probe)
                report(step, lastLoss, probeAccuracy)
            }
        }
        if cancelled { return (.nan, lastLoss, step, true, trainer.model) }
        let accuracy = race.accuracy(trainer.model, on: race.batch(c.evaluationSize, rng: &heldOutRNG))
        return (accuracy, lastLoss, step, cancelled, trainer.model)
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
