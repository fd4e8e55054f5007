import Foundation
import Testing
@testable import UnrollCore

/// The stepwise session: one update per `step()`, settings changed between updates, data a
/// function of the epoch only; and the paced driver, whose pacing and pauses never change the result.
@Suite struct TrainingSessionTests {
    static func rnn(seed: UInt64 = 2, kind: CellKind = .rnn, words: Int = 3) -> RecurrentModel {
        var r = SeededRandom(seed: seed)
        var m = RecurrentModel(kind: kind, inputSize: words, hiddenSize: 4, outputSize: words)
        m.initialise(using: &r)
        return m
    }

    static let dinner = TrainingData.dinnerCycle(days: 9)

    @Test func trainerIsTheSessionRunToTheEnd() {
        for window in [nil, 4] as [Int?] {
            var trainer = Trainer(model: Self.rnn(), config: TrainingConfig(epochs: 12, clipNorm: 0.5, bpttWindow: window))
            let outcome = trainer.train(batch: { _ in DinnerCycle().allStarts(days: 9) })
            var session = TrainingSession(model: Self.rnn(), data: Self.dinner, settings: TrainingSettings(clipNorm: 0.5, bpttWindow: window))
            var losses: [Double] = [], epochLoss = 0.0
            while session.epoch <= 12 {
                let r = session.step()
                epochLoss += r.loss
                if r.endsEpoch { losses.append(epochLoss); epochLoss = 0 }
            }
            #expect(session.model.parameters == trainer.model.parameters, "window \(String(describing: window))")
            #expect(losses == outcome.losses)
        }
    }

    @Test func truncationMakesOneUpdatePerWindow() {
        // 3 sequences of 9 steps, windows of 4: 4 + 4 + 1 steps each, 9 updates an epoch.
        var session = TrainingSession(model: Self.rnn(), data: Self.dinner, settings: TrainingSettings(bpttWindow: 4))
        let records = (0..<18).map { _ in session.step() }
        #expect(records.map(\.update) == Array(1...18))
        #expect(records.filter(\.endsEpoch).map(\.update) == [9, 18])
        #expect(records.map(\.tokenSteps).prefix(3) == [4, 4, 1])
        #expect(records.map(\.epoch) == Array(repeating: 1, count: 9) + Array(repeating: 2, count: 9))
        // Back to full BPTT mid-epoch: the rest of the epoch is dropped, one update per epoch again.
        _ = session.step()
        session.settings.bpttWindow = nil
        let full = session.step()
        #expect(full.endsEpoch && full.tokenSteps == 27 && full.epoch == 3)
    }

    @Test func settingsChangeBetweenUpdates() {
        var session = TrainingSession(model: Self.rnn(), data: Self.dinner, settings: TrainingSettings(optimizer: .sgd, learningRate: 0.1))
        session.step()
        let before = session.model.parameters
        session.settings.learningRate = 0
        let r = session.step()
        #expect(session.model.parameters == before, "learning rate 0 leaves the weights")
        #expect(r.normBefore > 0)
        session.settings.learningRate = 0.1
        session.settings.clipNorm = r.normBefore / 10
        let clipped = session.step()
        #expect(clipped.normAfter < clipped.normBefore)
        #expect(abs(clipped.normAfter - r.normBefore / 10) < 1e-5 * r.normBefore)
        #expect(session.model.parameters != before)
        session.settings.clipNorm = nil
        let free = session.step()
        #expect(free.normAfter == free.normBefore)
    }

    @Test func epochDataDependsOnTheSeedAndEpochOnly() {
        let a = TrainingData.stories(seed: 7), b = TrainingData.stories(seed: 7), c = TrainingData.stories(seed: 8)
        let story = { (d: TrainingData, e: Int) in d.examples(epoch: e).first?.targets ?? [] }
        #expect(story(a, 5) == story(b, 5))
        #expect(story(a, 5) == story(a, 5))
        #expect(story(a, 5) != story(a, 6))
        #expect(story(a, 5) != story(c, 5))
        #expect(a.name == "fresh 50-sentence stories")
        #expect(TrainingData.race(MemoryRace(delay: 6), seed: 1).name == "the race: recall after 6")
    }

    /// Takes snapshots until `done` holds (a generous bound keeps a broken driver from hanging the suite).
    static func wait(_ training: PacedTraining, records: inout [UpdateRecord], model: inout RecurrentModel?,
                     until done: (PacedTraining.Snapshot) -> Bool) -> Bool {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let s = training.take() {
                records += s.records
                model = s.model
                if done(s) { return true }
            }
            Thread.sleep(forTimeInterval: 0.002)
        }
        return false
    }

    @Test func pacedTrainingWithPausesEqualsAnUnpacedRun() {
        let lstm = Self.rnn(seed: 5, kind: .lstm, words: ChildrensBook().vocab.count)
        var reference = TrainingSession(model: lstm, data: .stories(ChildrensBook(), sentences: 5, seed: 3), settings: TrainingSettings())
        let expected = (0..<40).map { _ in reference.step() }
        let training = PacedTraining(TrainingSession(model: lstm, data: .stories(ChildrensBook(), sentences: 5, seed: 3), settings: TrainingSettings()),
                                     pace: 200, paused: true, maxUpdates: 40)
        var records: [UpdateRecord] = [], model: RecurrentModel? = nil
        for _ in 0..<3 { training.stepOnce() }
        #expect(Self.wait(training, records: &records, model: &model) { $0.updates >= 3 })
        Thread.sleep(forTimeInterval: 0.03)
        #expect(training.take() == nil, "paused: no update beyond the three asked for")
        training.setPaused(false)
        Thread.sleep(forTimeInterval: 0.04)
        training.setPaused(true)
        training.setPace(nil)
        Thread.sleep(forTimeInterval: 0.02)
        training.setPaused(false)
        #expect(Self.wait(training, records: &records, model: &model) { $0.finished })
        #expect(records == expected)
        #expect(model?.parameters == reference.model.parameters, "bit-equal weights")
    }

    @Test func settingsChangedWhilePausedApplyFromThatUpdate() {
        let start = Self.rnn(seed: 9)
        var reference = TrainingSession(model: start, data: Self.dinner, settings: TrainingSettings())
        for _ in 0..<5 { reference.step() }
        var changed = reference.settings
        changed.optimizer = .sgd
        changed.learningRate = 0.05
        changed.clipNorm = 0.1
        changed.bpttWindow = 2
        reference.settings = changed
        for _ in 0..<15 { reference.step() }

        let training = PacedTraining(TrainingSession(model: start, data: Self.dinner, settings: TrainingSettings()), pace: nil, paused: true, maxUpdates: 20)
        var records: [UpdateRecord] = [], model: RecurrentModel? = nil
        for _ in 0..<5 { training.stepOnce() }
        #expect(Self.wait(training, records: &records, model: &model) { $0.updates >= 5 })
        training.setSettings(changed)
        training.setPaused(false)
        #expect(Self.wait(training, records: &records, model: &model) { $0.finished })
        #expect(records.count == 20)
        #expect(model?.parameters == reference.model.parameters)
    }

    @Test func stopEndsTheThread() {
        let training = PacedTraining(TrainingSession(model: Self.rnn(), data: Self.dinner, settings: TrainingSettings()), pace: 1000)
        var records: [UpdateRecord] = [], model: RecurrentModel? = nil
        #expect(Self.wait(training, records: &records, model: &model) { $0.updates >= 2 })
        training.stop()
        #expect(Self.wait(training, records: &records, model: &model) { $0.finished })
        #expect(training.current.stopped)
        #expect(records.map(\.update) == Array(1...records.count), "every update reported once, in order")
    }
}

/// Truncated BPTT as the BPTT screen shows it: per-window gradients, and where the cuts fall.
@Suite struct TruncatedBPTTTests {
    static func lstm() -> RecurrentModel {
        var r = SeededRandom(seed: 11)
        var m = RecurrentModel(kind: .lstm, inputSize: 5, hiddenSize: 4, outputSize: 5)
        m.initialise(using: &r)
        return m
    }

    @Test func aWindowAsLongAsTheSequenceIsFullBPTT() {
        let book = ChildrensBook()
        var rng = SeededRandom(seed: 1)
        let ex = book.example(story: book.story(sentences: 3, rng: &rng))
        let m = Self.lstm()
        let trace = m.forward(ex.input, targets: ex.targets)
        var g = Gradients(layout: m.layout)
        m.backward(trace, into: &g)
        let full = g.hiddenNorms(steps: trace.steps)
        let same = truncatedHiddenGradientNorms(m, input: ex.input, targets: ex.targets, window: ex.input.count)
        #expect(zip(full, same).allSatisfy { abs($0 - $1) <= 1e-12 * max(1, abs($0)) })
        // Window 1: each step hears only its own loss; the last step hears the same either way.
        let one = truncatedHiddenGradientNorms(m, input: ex.input, targets: ex.targets, window: 1)
        #expect(one.count == full.count)
        #expect(abs((one.last ?? 0) - (full.last ?? 1)) <= 1e-12)
        #expect(zip(one.dropLast(), full.dropLast()).contains { abs($0 - $1) > 1e-6 }, "earlier steps lose the later losses' gradient")
    }

    @Test func truncatedGradientsKeepEveryStepsRowsAndSumTheirShares() {
        let book = ChildrensBook()
        var rng = SeededRandom(seed: 2)
        let ex = book.example(story: book.story(sentences: 2, rng: &rng))
        let m = Self.lstm(), T = ex.input.count, H = m.hiddenSize, P = m.layout.count
        let g = truncatedGradients(m, input: ex.input, targets: ex.targets, window: 3, recordStepShares: true)
        #expect(g.steps == T && g.hidden.count == T * H && g.cell.count == T * H)
        // The shares of the steps sum to the parameter gradient, as in full BPTT.
        let shares = g.stepShares ?? []
        #expect(shares.count == T * P)
        for i in 0..<P {
            let sum = (0..<T).reduce(0.0) { $0 + shares[$1 * P + i] }
            #expect(abs(sum - g.parameters[i]) <= 1e-12 * (1 + abs(g.parameters[i])), "parameter \(i)")
        }
        // The first window is a run of its own: its rows equal full BPTT over the first 3 steps alone.
        let prefix = SequenceInput(vectors: (1...3).map { ex.input.vector(at: $0) }, inputSize: ex.input.inputSize)
        let head = m.backward(m.forward(prefix, targets: Array(ex.targets.prefix(3))))
        for k in 0..<(3 * H) { #expect(abs(head.hidden[k] - g.hidden[k]) <= 1e-12 * (1 + abs(head.hidden[k]))) }
        // Losses after a cut never reach the steps before it: changing the later targets leaves the first window alone.
        var other = ex.targets
        for s in 3..<T { other[s] = ((other[s] ?? 0) + 1) % m.outputSize }
        let moved = truncatedGradients(m, input: ex.input, targets: other, window: 3)
        #expect(Array(moved.hidden.prefix(3 * H)) == Array(g.hidden.prefix(3 * H)))
        #expect(Array(moved.hidden.suffix((T - 3) * H)) != Array(g.hidden.suffix((T - 3) * H)), "the later windows do change")
        // A window of T is full BPTT, entry for entry.
        let full = m.backward(m.forward(ex.input, targets: ex.targets), recordStepShares: true)
        let whole = truncatedGradients(m, input: ex.input, targets: ex.targets, window: T, recordStepShares: true)
        #expect(zip(whole.parameters, full.parameters).allSatisfy { abs($0 - $1) <= 1e-12 * (1 + abs($1)) })
        #expect(whole.hidden.count == T * H && zip(whole.hidden, full.hidden).allSatisfy { abs($0 - $1) <= 1e-12 * (1 + abs($1)) })
    }

    @Test func cutsFallAtEachWindowStart() {
        #expect(truncationCuts(steps: 6, window: 2) == [3, 5])
        #expect(truncationCuts(steps: 6, window: 4) == [5])
        #expect(truncationCuts(steps: 6, window: 8) == [])
        #expect(truncationCuts(steps: 3, window: 1) == [2, 3])
    }
}
