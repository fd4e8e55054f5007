import Testing
import Foundation
@testable import UnrollCore

@Suite struct MemoryRaceRunnerTests {
    /// Each run is `unroll train race` with the same seed, even with probes at uneven intervals: the same
    /// initial weights and batches, the batch's summed gradient equal to `Trainer`'s per-sequence sum up
    /// to rounding, so after 30 updates the weights agree to 1e-9 and the accuracy exactly.
    @Test func aRunIsTheTrainRaceRecipe() {
        let config = MemoryRaceRunner.Configuration(cells: [.gru, .rnn], delays: [3], hiddenSize: 4, steps: 30, seed: 7,
                                                    probeInterval: 7, probeSize: 16)
        let report = MemoryRaceRunner.run(config)
        #expect(report.results.count == 2 && !report.cancelled)
        for r in report.results {
            let reference = TrainTask.race.run(.init(cell: r.cell, hidden: 4, config: TrainingConfig(epochs: 30, learningRate: 0.01),
                                                     seed: 7, delay: 3))
            #expect(zip(r.model.parameters, reference.model.parameters).allSatisfy { abs($0 - $1) <= 1e-9 * (1 + abs($1)) })
            #expect(r.accuracy == reference.accuracy)
            #expect(abs(r.finalLoss * 32 - reference.loss) < 1e-9)
            #expect(r.stepsRun == 30)
        }
    }

    @Test func progressIsMonotoneAndCancellationStopsTheRace() {
        let config = MemoryRaceRunner.Configuration(cells: [.rnn, .lstm], delays: [2, 4], hiddenSize: 4, steps: 20,
                                                    probeInterval: 5, probeSize: 8, threads: 1)
        let token = CancellationToken()
        var seen: [MemoryRaceRunner.Progress] = []
        let report = MemoryRaceRunner.run(config, progress: { p in
            seen.append(p)
            if p.run == 1 && p.step == 10 { token.cancel() }
        }, cancel: token)
        #expect(report.cancelled)
        #expect(report.results.map(\.cell) == [.rnn])
        #expect(report.accuracy(cell: .rnn, delay: 2) != nil && report.accuracy(cell: .lstm, delay: 2) == nil)
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.fractionDone <= $1.fractionDone })
        #expect(seen.first?.accuracy == nil && seen.contains { $0.accuracy != nil })
        #expect(seen.last?.run == 1 && seen.last?.step == 10 && seen.last?.finished.count == 1)
        #expect(seen.allSatisfy { $0.runs == 4 && $0.steps == 20 && $0.loss.isFinite })
        if case let .object(members)? = report.json["accuracy"] {
            #expect(members.map(\.0) == ["rnn", "lstm"])
            #expect(report.json["accuracy"]?["lstm"] == .array([.null, .null]))
        } else {
            Issue.record("no accuracy object")
        }
    }

    /// The race's headline at a modest size: with the same seed and budget, the GRU recalls the
    /// symbol across 15 distractors while the tanh RNN stays near chance.
    @Test func aGatedCellWinsTheRace() {
        let config = MemoryRaceRunner.Configuration(cells: [.rnn, .gru], delays: [15], hiddenSize: 8, steps: 400, batchSize: 16,
                                                    learningRate: 0.02, seed: 0, evaluationSize: 256, probeSize: 0)
        let report = MemoryRaceRunner.run(config)
        let rnn = report.accuracy(cell: .rnn, delay: 15) ?? 1, gru = report.accuracy(cell: .gru, delay: 15) ?? 0
        #expect(gru >= 0.9, "GRU \(gru)")
        #expect(rnn <= 0.6, "RNN \(rnn)")
    }

    /// The app's use: the race runs on a background thread and the UI thread raises the token.
    @Test func cancellingFromAnotherThreadStopsPromptly() {
        final class Box: @unchecked Sendable { var report: MemoryRaceRunner.Report? }
        let token = CancellationToken()
        let started = CancellationToken()   // used as a thread-safe "first update done" flag
        let finished = DispatchSemaphore(value: 0)
        let box = Box()
        let config = MemoryRaceRunner.Configuration(cells: [.lstm], delays: [50], hiddenSize: 8, steps: 100_000, probeSize: 0)
        let thread = Thread {
            box.report = MemoryRaceRunner.run(config, progress: { _ in started.cancel() }, cancel: token)
            finished.signal()
        }
        thread.start()
        while !started.isCancelled { usleep(1_000) }
        token.cancel()
        #expect(finished.wait(timeout: .now() + 30) == .success)
        #expect(box.report?.cancelled == true && box.report?.results.isEmpty == true)
    }

    /// The same seed gives the same race on one thread or two: every accuracy, loss and weight.
    @Test func oneThreadOrTwoGiveTheSameRace() {
        let base = MemoryRaceRunner.Configuration(cells: [.rnn, .lstm, .gru], delays: [2, 6], hiddenSize: 6, steps: 40, batchSize: 8,
                                                  seed: 3, evaluationSize: 64, probeInterval: 15, probeSize: 16)
        var one = base, two = base
        one.threads = 1
        two.threads = 2
        #expect(one.threadCount == 1 && two.threadCount == 2)
        let a = MemoryRaceRunner.run(one), b = MemoryRaceRunner.run(two)
        #expect(a.results.count == 6 && b.results.count == 6 && !a.cancelled && !b.cancelled)
        #expect(a.results.map(\.cell) == b.results.map(\.cell) && a.results.map(\.delay) == b.results.map(\.delay))
        #expect(a.results.map(\.accuracy) == b.results.map(\.accuracy))
        #expect(a.results.map(\.finalLoss) == b.results.map(\.finalLoss))
        #expect(a.results.map(\.model.parameters) == b.results.map(\.model.parameters))
    }

    /// On two threads progress still arrives on the calling thread, in order: the share done never
    /// falls, the finished runs only grow and stay in race order, and every run reports its last update.
    @Test func parallelProgressIsOrderedAndComplete() {
        let config = MemoryRaceRunner.Configuration(cells: [.rnn, .gru], delays: [1, 3, 5], hiddenSize: 4, steps: 12, batchSize: 4,
                                                    evaluationSize: 16, probeInterval: 5, probeSize: 8, threads: 2)
        var seen: [MemoryRaceRunner.Progress] = []
        let report = MemoryRaceRunner.run(config, progress: { seen.append($0) })
        #expect(zip(seen, seen.dropFirst()).allSatisfy { $0.fractionDone <= $1.fractionDone && $0.finished.count <= $1.finished.count })
        #expect(abs((seen.last?.fractionDone ?? 0) - 1) < 1e-12)
        for run in 0..<6 { #expect(seen.contains { $0.run == run && $0.step == 12 }) }
        #expect(report.results.map(\.delay) == [1, 1, 3, 3, 5, 5] && report.results.map(\.cell) == [.rnn, .gru, .rnn, .gru, .rnn, .gru])
        for p in seen { #expect(p.finished.map(\.delay) == p.finished.map(\.delay).sorted()) }
    }

    /// Cancelled on two threads, the race stops every run and keeps only those that finished.
    @Test func parallelCancellationStopsEveryRun() {
        let config = MemoryRaceRunner.Configuration(cells: [.lstm, .gru], delays: [4, 40], hiddenSize: 4, steps: 50_000, batchSize: 4,
                                                    probeSize: 0, threads: 2)
        let token = CancellationToken()
        var updates = 0
        let report = MemoryRaceRunner.run(config, progress: { _ in
            updates += 1
            if updates == 50 { token.cancel() }
        }, cancel: token)
        #expect(report.cancelled && report.results.isEmpty)
        // Updates already queued by the workers are still delivered, but no run goes on to its end.
        #expect(updates < 5_000, "\(updates) updates")
    }

    /// The accuracy in batches is `MemoryRace.accuracy`, on a trained model.
    @Test func batchedAccuracyIsTheRaceAccuracy() {
        let config = MemoryRaceRunner.Configuration(cells: [.lstm], delays: [4], hiddenSize: 6, steps: 60, batchSize: 8, probeSize: 0)
        let model = MemoryRaceRunner.run(config).results[0].model
        let race = MemoryRace(delay: 4)
        var rng = SeededRandom(seed: 11)
        let held = race.batch(150, rng: &rng)
        var batch = SequenceBatch(layout: model.layout)
        let a = MemoryRaceRunner.accuracy(model, race: race, on: held, batch: &batch)
        #expect(a == race.accuracy(model, on: held))
        #expect(a > 0.25)
    }

    /// `forgetBias` reaches the race's LSTM (and the JSON), not its GRU.
    @Test func theForgetBiasReachesTheLSTM() {
        let config = MemoryRaceRunner.Configuration(cells: [.lstm, .gru], delays: [2], hiddenSize: 4, steps: 1, learningRate: 1e-9,
                                                    probeSize: 0, forgetBias: 1)
        let report = MemoryRaceRunner.run(config)
        let lstm = report.results[0].model
        #expect((0..<4).allSatisfy { abs((lstm.forgetGateBias(unit: $0) ?? 0) - 1) < 1e-6 })
        #expect(report.json["forget_bias"] == .number(1))
        #expect(MemoryRaceRunner.run(MemoryRaceRunner.Configuration(cells: [.gru], delays: [2], hiddenSize: 4, steps: 1)).json["forget_bias"] == nil)
    }
}
