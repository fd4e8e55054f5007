import Testing
import Foundation
@testable import UnrollCore

@Suite struct MemoryRaceRunnerTests {
    /// Each run is `unroll train race` with the same seed, even when trained in uneven chunks.
    @Test func aRunIsExactlyTheTrainRaceRecipe() {
        let config = MemoryRaceRunner.Configuration(cells: [.gru, .rnn], delays: [3], hiddenSize: 4, steps: 30, seed: 7,
                                                    probeInterval: 7, probeSize: 16)
        let report = MemoryRaceRunner.run(config)
        #expect(report.results.count == 2 && !report.cancelled)
        for r in report.results {
            let reference = TrainTask.race.run(.init(cell: r.cell, hidden: 4, config: TrainingConfig(epochs: 30, learningRate: 0.01),
                                                     seed: 7, delay: 3))
            #expect(r.model.parameters == reference.model.parameters)
            #expect(r.accuracy == reference.accuracy)
            #expect(abs(r.finalLoss * 32 - reference.loss) < 1e-9)
            #expect(r.stepsRun == 30)
        }
    }

    @Test func progressIsMonotoneAndCancellationStopsTheRace() {
        let config = MemoryRaceRunner.Configuration(cells: [.rnn, .lstm], delays: [2, 4], hiddenSize: 4, steps: 20,
                                                    probeInterval: 5, probeSize: 8)
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
}
