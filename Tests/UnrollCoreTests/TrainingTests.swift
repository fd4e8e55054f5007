import Testing
@testable import UnrollCore

@Suite struct TrainingTests {
    @Test func sgdStepIsExact() {
        var opt = Optimizer(.sgd, learningRate: 0.1, parameterCount: 2)
        var p = [1.0, -2.0]
        opt.update(&p, gradient: [0.5, -1.0])
        #expect(p == [0.95, -1.9])
    }

    /// Adam's first step moves each parameter by lr · g/(|g| + ε) (bias correction makes m̂ = g, v̂ = g²);
    /// the second step is checked against values computed by hand from PyTorch's update rule.
    @Test func adamMatchesPyTorchsRule() {
        var opt = Optimizer(.adam, learningRate: 0.01, parameterCount: 2)
        var p = [1.0, -2.0]
        opt.update(&p, gradient: [0.5, -4.0])
        #expect(abs(p[0] - (1.0 - 0.01 * 0.5 / (0.5 + 1e-8))) < 1e-15)
        #expect(abs(p[1] - (-2.0 + 0.01 * 4.0 / (4.0 + 1e-8))) < 1e-15)
        let before = p
        opt.update(&p, gradient: [0.1, 0.0])
        let m = 0.9 * (0.1 * 0.5) + 0.1 * 0.1, v = 0.999 * (0.001 * 0.25) + 0.001 * 0.01
        let expected = before[0] - 0.01 * (m / (1 - 0.81)) / ((v / (1 - 0.998001)).squareRoot() + 1e-8)
        #expect(abs(p[0] - expected) < 1e-14)
    }

    @Test func clippingScalesToTheMaximumNorm() {
        var g = [3.0, 4.0]
        let r = clipGradientNorm(&g, maxNorm: 1)
        #expect(abs(r.normBefore - 5) < 1e-15)
        #expect(abs((g[0] * g[0] + g[1] * g[1]).squareRoot() - 1) < 1e-6)
        var small = [0.3, 0.4]
        #expect(!clipGradientNorm(&small, maxNorm: 1).clipped)
        #expect(small == [0.3, 0.4])
    }

    @Test func seededRandomIsReproducibleAndUniform() {
        var a = SeededRandom(seed: 42), b = SeededRandom(seed: 42), c = SeededRandom(seed: 43)
        let xs = (0..<1000).map { _ in a.unit() }
        #expect(xs == (0..<1000).map { _ in b.unit() })
        #expect(xs != (0..<1000).map { _ in c.unit() })
        #expect(xs.allSatisfy { $0 >= 0 && $0 < 1 })
        let mean = xs.reduce(0, +) / 1000
        #expect(abs(mean - 0.5) < 0.05)
        var counts = [0, 0, 0]
        for _ in 0..<3000 { counts[a.below(3)] += 1 }
        #expect(counts.allSatisfy { $0 > 850 && $0 < 1150 })
    }

    @Test func defaultInitialisationIsPyTorchsBound() {
        var rng = SeededRandom(seed: 1)
        var m = RecurrentModel(kind: .lstm, inputSize: 5, hiddenSize: 16, outputSize: 5)
        m.initialise(using: &rng)
        let bound = 0.25
        #expect(m.parameters.allSatisfy { abs($0) <= bound })
        #expect(m.parameters.contains { abs($0) > 0.2 })
    }

    @Test func sameSeedSameModel() {
        let opts = TrainTask.Options(cell: .gru, hidden: 4, config: TrainingConfig(epochs: 20), seed: 5)
        let a = TrainTask.book.run(opts), b = TrainTask.book.run(opts)
        #expect(a.model.parameters == b.model.parameters)
        #expect(a.loss == b.loss)
    }

    @Test func dinnerRNNLearnsTheCycleExactly() {
        let report = TrainTask.dinner.run(.init(cell: .rnn, hidden: 4, config: TrainingConfig(epochs: 200), seed: 0))
        #expect(report.accuracy == 1)
        let cycle = DinnerCycle()
        for start in 0..<3 {
            let trace = report.model.forward(SequenceInput(tokens: cycle.days(12, startingWith: start).map { Optional($0) }, inputSize: 3))
            for t in 1...12 { #expect(trace.predicted(at: t) == cycle.next(after: (start + t - 1) % 3)) }
        }
    }

    /// The headline recipe: H=8 LSTM, 800 epochs, Adam 0.02 writes a grammatical book and never
    /// "Doug saw Doug" (seed 0; the README reports seeds 0–9).
    @Test func bookLSTMLearnsTheStory() {
        let report = TrainTask.book.run(.init(cell: .lstm, hidden: 8, config: TrainingConfig(epochs: 800), seed: 0))
        #expect(report.accuracy == 1)
        #expect((report.subjectAfterSaw ?? 1) < 0.05)
        #expect(report.stepsPerEpoch == 199)
    }

    @Test func truncatedBPTTAndCancellationWork() {
        let token = CancellationToken()
        var seen: [Int] = []
        var trainer = Trainer(model: {
            var r = SeededRandom(seed: 2)
            var m = RecurrentModel(kind: .rnn, inputSize: 3, hiddenSize: 4, outputSize: 3)
            m.initialise(using: &r)
            return m
        }(), config: TrainingConfig(epochs: 50, bpttWindow: 4))
        let cycle = DinnerCycle()
        let outcome = trainer.train(batch: { _ in cycle.allStarts(days: 9) }, progress: { p in
            seen.append(p.epoch)
            if p.epoch == 10 { token.cancel() }
        }, cancel: token)
        #expect(outcome.cancelled)
        #expect(seen == Array(1...10))
        #expect(outcome.losses.last ?? .infinity < outcome.losses.first ?? 0)
        #expect(outcome.tokenSteps == 10 * 27)
    }

    @Test func frozenTensorsStayPut() {
        var rng = SeededRandom(seed: 4)
        var model = RecurrentModel(kind: .rnn, inputSize: 3, hiddenSize: 4, outputSize: 3)
        model.initialise(using: &rng)
        model.scaleRecurrentWeights(by: 0)
        var trainer = Trainer(model: model, config: TrainingConfig(epochs: 30, frozenTensors: ["weight_hh_l0"]))
        let cycle = DinnerCycle()
        _ = trainer.train(batch: { _ in cycle.allStarts(days: 9) })
        let L = model.layout
        #expect(trainer.model.parameters[L.weightHH..<L.biasIH].allSatisfy { $0 == 0 })
        #expect(trainer.model.parameters[L.weightIH..<L.weightHH] != model.parameters[L.weightIH..<L.weightHH])
    }
}
