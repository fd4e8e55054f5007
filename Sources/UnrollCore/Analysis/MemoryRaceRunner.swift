import Foundation
import Synchronization

/// The memory race: train an RNN, an LSTM and a GRU (same hidden size, same budget, same seed) to
/// recall the first token after N distractors, for a list of N, and measure held-out accuracy.
///
/// Each (cell, delay) run is `unroll train race --cell C --delay N --seed S --hidden H --epochs STEPS
/// --lr LR` (same seeds for the initial weights, the training batches and the held-out set), so every
/// cell sees the same sequences; its update sums the batch's gradients in one `SequenceBatch` (equal to
/// `Trainer`'s sum of per-sequence gradients up to rounding). The runs are independent, so they share
/// the cores (`threads`); each run depends on the seed alone, so one thread or many give the same
/// results. The runner is synchronous: the app calls it on a background thread, watches `progress`,
/// and stops it with a `CancellationToken`.
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
        /// The LSTM's forget-gate bias at the start (b_ih + b_hh of the forget rows; nil: PyTorch's
        /// uniform start). Cells without a forget gate ignore it.
        public var forgetBias: Double?
        /// Runs trained at once, one per thread (1: in turn on the calling thread; `allCores`: one per
        /// active core); the results do not depend on it.
        public var threads: Int

        /// The default race: RNN, LSTM and GRU at H=16 over delays 2, 5, 10, 15, 20, 30, 1500 Adam
        /// updates of batch 32 at lr 0.01 each (the PyTorch reference's budget).
        public init(cells: [CellKind] = [.rnn, .lstm, .gru], delays: [Int] = Configuration.defaultDelays, hiddenSize: Int = 16,
                    steps: Int = 1500, batchSize: Int = 32, learningRate: Double = 0.01, seed: UInt64 = 0,
                    nonlinearity: Nonlinearity = .tanh, clipNorm: Double? = nil, evaluationSize: Int = 512,
                    probeInterval: Int = 100, probeSize: Int = 64, forgetBias: Double? = nil, threads: Int = 1) {
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
            self.forgetBias = forgetBias
            self.threads = threads
        }

        /// The threads a race uses: `threads`, else every active core, at most one per run.
        public var threadCount: Int {
            max(1, min(threads, cells.count * delays.count))
        }

        /// One thread per active core.
        public static var allCores: Int { ProcessInfo.processInfo.activeProcessorCount }

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
            var members: [(String, JSONValue)] = [
                ("task", .string("memory-race")),
                ("hidden", .number(Double(c.hiddenSize))), ("steps", .number(Double(c.steps))),
                ("batch", .number(Double(c.batchSize))), ("lr", .number(c.learningRate)),
                ("seed", .number(Double(c.seed))), ("nonlinearity", .string(c.nonlinearity.rawValue)),
            ]
            if let b = c.forgetBias { members.append(("forget_bias", .number(b))) }
            members += [
                ("delays", .numbers(c.delays.map(Double.init))),
                ("accuracy", .object(acc)),
                ("runs", .array(results.map { r in
                    .object([("cell", .string(r.cell.rawValue)), ("delay", .number(Double(r.delay))),
                             ("accuracy", .number(r.accuracy)), ("loss", .number(r.finalLoss)),
                             ("steps", .number(Double(r.stepsRun))), ("seconds", .number(r.seconds))])
                })),
                ("cancelled", .bool(cancelled)),
                ("seconds", .number(seconds)),
            ]
            return .object(members)
        }
    }

    /// Runs every (delay, cell) pair: in turn on the calling thread with one thread, else on
    /// `threadCount` threads at once (the longest runs first).
    ///
    /// - Parameters:
    ///   - progress: called after every update of any run, on the calling thread; `run` is the updating
    ///     run's index (cells within delays) and `finished` the runs done so far, in that order.
    ///   - cancel: raised from another thread, stops every run after its current update; the report then
    ///     holds the runs that finished.
    /// - Complexity: O(steps · batch · Σ(N+2) · G·H·(I + H)) per cell, over `threadCount` cores.
    public static func run(_ configuration: Configuration, progress: ((Progress) -> Void)? = nil,
                           cancel: CancellationToken? = nil) -> Report {
        let c = configuration
        let clock = ContinuousClock()
        let started = clock.now
        let pairs = c.delays.flatMap { delay in c.cells.map { (delay: delay, cell: $0) } }
        let total = Double(max(1, c.tokenSteps))
        let weights = pairs.map { Double(c.batchSize * ($0.delay + 2)) }
        if c.threadCount > 1 {
            let (results, cancelled) = runInParallel(c, pairs: pairs, weights: weights, total: total, progress: progress, cancel: cancel)
            return Report(configuration: c, results: results, cancelled: cancelled, seconds: seconds(clock.now - started))
        }
        var results: [Result] = []
        var done = 0.0
        var cancelled = false
        for (run, pair) in pairs.enumerated() {
            if cancel?.isCancelled == true { cancelled = true; break }
            let before = clock.now
            let weight = weights[run], doneBefore = done, finishedSoFar = results
            let outcome = train(cell: pair.cell, delay: pair.delay, configuration: c, cancel: cancel) { step, loss, accuracy in
                progress?(Progress(cell: pair.cell, delay: pair.delay, step: step, steps: c.steps, loss: loss, accuracy: accuracy,
                                   run: run, runs: pairs.count, fractionDone: min(1, (doneBefore + Double(step) * weight) / total),
                                   finished: finishedSoFar))
            }
            done += Double(c.steps) * weight
            if outcome.cancelled { cancelled = true; break }
            results.append(Result(cell: pair.cell, delay: pair.delay, accuracy: outcome.accuracy, finalLoss: outcome.loss,
                                  stepsRun: outcome.steps, seconds: seconds(clock.now - before), model: outcome.model))
        }
        return Report(configuration: c, results: results, cancelled: cancelled, seconds: seconds(clock.now - started))
    }

    /// What the worker threads share: the next run to take, the finished runs, each run's updates and
    /// the progress not yet delivered; `signal` wakes the calling thread.
    private final class Board: Sendable {
        struct State {
            var next = 0
            var working: Int
            var cancelled = false
            var results: [Int: Result] = [:]
            var updates: [Int]
            var pending: [Progress] = []
        }
        let state: Mutex<State>
        let signal = DispatchSemaphore(value: 0)

        init(workers: Int, runs: Int) { state = Mutex(State(working: workers, updates: [Int](repeating: 0, count: runs))) }

        /// The finished runs in run order.
        static func finished(_ s: State) -> [Result] { s.results.keys.sorted().compactMap { s.results[$0] } }
    }

    /// The runs on `threadCount` threads, the costliest first; the calling thread delivers `progress`.
    private static func runInParallel(_ c: Configuration, pairs: [(delay: Int, cell: CellKind)], weights: [Double], total: Double,
                                      progress: ((Progress) -> Void)?, cancel: CancellationToken?) -> ([Result], Bool) {
        let order = pairs.indices.sorted { a, b in
            let ca = weights[a] * Double(pairs[a].cell.standardCell.gateCount), cb = weights[b] * Double(pairs[b].cell.standardCell.gateCount)
            return ca != cb ? ca > cb : a < b
        }
        let workers = c.threadCount
        let board = Board(workers: workers, runs: pairs.count)
        let wantsProgress = progress != nil
        for _ in 0..<workers {
            let thread = Thread {
                let clock = ContinuousClock()
                while true {
                    let taken: Int? = board.state.withLock { s in
                        guard s.next < order.count, !s.cancelled, cancel?.isCancelled != true else { return nil }
                        s.next += 1
                        return order[s.next - 1]
                    }
                    guard let run = taken else { break }
                    let pair = pairs[run], before = clock.now
                    let outcome = train(cell: pair.cell, delay: pair.delay, configuration: c, cancel: cancel) { step, loss, accuracy in
                        guard wantsProgress else { return }
                        board.state.withLock { s in
                            s.updates[run] = step
                            var done = 0.0
                            for k in s.updates.indices { done += Double(s.updates[k]) * weights[k] }
                            s.pending.append(Progress(cell: pair.cell, delay: pair.delay, step: step, steps: c.steps, loss: loss,
                                                      accuracy: accuracy, run: run, runs: pairs.count,
                                                      fractionDone: min(1, done / total), finished: Board.finished(s)))
                        }
                        board.signal.signal()
                    }
                    let result = Result(cell: pair.cell, delay: pair.delay, accuracy: outcome.accuracy, finalLoss: outcome.loss,
                                        stepsRun: outcome.steps, seconds: seconds(clock.now - before), model: outcome.model)
                    board.state.withLock { s in
                        if outcome.cancelled { s.cancelled = true } else { s.results[run] = result }
                    }
                }
                board.state.withLock { s in s.working -= 1 }
                board.signal.signal()
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
        while true {
            board.signal.wait()
            let (events, over) = board.state.withLock { s -> ([Progress], Bool) in
                let events = s.pending
                s.pending.removeAll(keepingCapacity: true)
                return (events, s.working == 0)
            }
            for e in events { progress?(e) }
            if over { break }
        }
        return board.state.withLock { s in
            (Board.finished(s), s.cancelled || s.results.count < pairs.count)
        }
    }

    /// One seeded run, seeded exactly as `TrainTask.race`: each update one batch through a
    /// `SequenceBatch` (its summed gradient), clipped when configured, one Adam step; a probe of the
    /// accuracy after every `probeInterval` updates and after the last.
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
        model.initialise(using: &initRNG, forgetBias: c.forgetBias)
        model.name = "race \(cell.rawValue) (seed \(c.seed))"
        let interval = max(1, c.probeInterval)
        var optimizer = Optimizer(.adam, learningRate: c.learningRate, parameterCount: model.layout.count)
        var batch = SequenceBatch(layout: model.layout)
        let probe = race.batch(c.probeSize, rng: &probeRNG)
        var step = 0
        var lastLoss = Double.nan
        var probeAccuracy: Double? = nil
        while step < c.steps {
            if cancel?.isCancelled == true { return (.nan, lastLoss, step, true, model) }
            model.forward(race.batch(c.batchSize, rng: &dataRNG), into: &batch)
            model.backward(&batch)
            if let clip = c.clipNorm { clipGradientNorm(&batch.gradient, maxNorm: clip) }
            optimizer.update(&model.parameters, gradient: batch.gradient)
            step += 1
            lastLoss = batch.totalLoss / Double(max(1, c.batchSize))
            report(step, lastLoss, probeAccuracy)
            if cancel?.isCancelled == true && step < c.steps { return (.nan, lastLoss, step, true, model) }
            if c.probeSize > 0 && (step % interval == 0 || step == c.steps) {
                probeAccuracy = accuracy(model, race: race, on: probe, batch: &batch)
                report(step, lastLoss, probeAccuracy)
            }
        }
        let accuracy = accuracy(model, race: race, on: race.batch(c.evaluationSize, rng: &heldOutRNG), batch: &batch)
        return (accuracy, lastLoss, step, false, model)
    }

    /// `MemoryRace.accuracy` run in batches: the share of `examples` whose last-step prediction is the symbol.
    static func accuracy(_ model: RecurrentModel, race: MemoryRace, on examples: [Example], batch: inout SequenceBatch) -> Double {
        guard !examples.isEmpty else { return 0 }
        var correct = 0, start = 0
        let chunk = 64, T = race.length
        while start < examples.count {
            let part = Array(examples[start..<min(examples.count, start + chunk)])
            model.forward(part, into: &batch)
            for (b, ex) in part.enumerated() where batch.predicted(sequence: b, at: T) == ex.targets[T - 1] { correct += 1 }
            start += chunk
        }
        return Double(correct) / Double(examples.count)
    }

    private static func seconds(_ d: Duration) -> Double {
        Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
    }
}
