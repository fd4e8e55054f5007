import Foundation
import Testing
@testable import UnrollCore

@Suite struct SeriesTrainingTests {
    @Test func regressionExamplesTrainTheModelDown() {
        // One sequence, targets the next value: the loss falls, with class targets untouched (all nil).
        var rng = SeededRandom(seed: 1)
        var model = RecurrentModel(kind: .gru, inputSize: 1, hiddenSize: 4, outputSize: 1)
        model.inputKind = .real
        model.outputKind = .regression
        model.initialise(using: &rng)
        let xs = (0..<21).map { sin(Double($0) / 3) }
        let ex = Example(input: SequenceInput(values: Array(xs[0..<20]), inputSize: 1), targets: [Int?](repeating: nil, count: 20),
                         targetVectors: (1...20).map { [xs[$0]] })
        var trainer = Trainer(model: model, config: TrainingConfig(epochs: 200, learningRate: 0.02))
        let outcome = trainer.train(batch: { _ in [ex] })
        #expect(outcome.losses[0] > 0)
        #expect(outcome.finalLoss < outcome.losses[0] / 10, "\(outcome.losses[0]) → \(outcome.finalLoss)")
        // The loss is the summed MSE of the trace the model gives.
        let trace = trainer.model.forward(ex.input, targetVectors: ex.targetVectors)
        #expect(abs((trace.totalLoss ?? 0) - outcome.finalLoss) < outcome.finalLoss)
    }

    @Test func truncatedBPTTSlicesTheRegressionTargetsToo() {
        var model = RecurrentModel(kind: .rnn, inputSize: 1, hiddenSize: 3, outputSize: 1)
        model.inputKind = .real
        model.outputKind = .regression
        var rng = SeededRandom(seed: 2)
        model.initialise(using: &rng)
        let ex = Example(input: SequenceInput(values: (0..<10).map { Double($0) / 10 }, inputSize: 1),
                         targets: [Int?](repeating: nil, count: 10), targetVectors: (0..<10).map { [Double($0 + 1) / 10] })
        var trainer = Trainer(model: model, config: TrainingConfig(epochs: 1, optimizer: .sgd, learningRate: 0, bpttWindow: 4))
        let outcome = trainer.train(batch: { _ in [ex] })
        // With a zero step the windows' losses add up to the whole sequence's.
        let whole = model.forward(ex.input, targetVectors: ex.targetVectors).totalLoss ?? 0
        #expect(whole > 0)
        #expect(abs(outcome.finalLoss - whole) < 1e-9 * (1 + whole))
    }

    @Test func unstandardisingGivesTheSameForecastInTheSeriesUnits() {
        for kind in CellKind.allCases {
            var model = RecurrentModel(kind: kind, inputSize: 1, hiddenSize: 5, outputSize: 1)
            model.inputKind = .real
            model.outputKind = .regression
            var rng = SeededRandom(seed: 9)
            model.initialise(using: &rng)
            let mean = 120.0, sd = 7.5
            let xs = (0..<12).map { mean + sd * sin(Double($0)) }
            let z = model.forward(SequenceInput(values: xs.map { ($0 - mean) / sd }, inputSize: 1))
            let raw = SeriesTraining.unstandardised(model, mean: mean, sd: sd).forward(SequenceInput(values: xs, inputSize: 1))
            for t in 1...12 {
                let expected = sd * z.outputs(at: t)[0] + mean
                #expect(abs(raw.outputs(at: t)[0] - expected) < 1e-9 * (1 + abs(expected)), "\(kind) t=\(t)")
            }
        }
    }

    @Test func aWaveForecasterBeatsTheNaiveForecastAndIsSeeded() throws {
        let training = SeriesTraining(series: Wave(seed: 0).values(length: 300), task: "wave")
        let options = SeriesTraining.Options(cell: .lstm, hidden: 8, config: TrainingConfig(epochs: 150, learningRate: 0.01, clipNorm: 1), seed: 0)
        let a = try training.run(options)
        #expect(a.heldOutMSE < a.naiveMSE, "held out \(a.heldOutMSE), naive \(a.naiveMSE)")
        #expect(a.model.inputKind == .real && a.model.outputKind == .regression)
        #expect(a.heldOutSteps == 60 && a.trainingSteps == 240)
        let b = try training.run(options)
        #expect(a.model.parameters == b.model.parameters)
        // The written model survives its file format.
        let back = try ModelFile.decode(ModelFile.encode(a.model), file: "m.json")
        #expect(back.parameters == a.model.parameters && back.outputKind == .regression)
    }

    @Test func aSeriesOfFewerThanThreeValuesIsRefused() {
        #expect(throws: SeriesTraining.SeriesError.self) {
            try SeriesTraining(series: [1, 2], task: "csv").run(.init(config: TrainingConfig(epochs: 1)))
        }
    }

    @Test func aConstantSeriesTrainsWithoutDividingByZero() throws {
        let r = try SeriesTraining(series: [Double](repeating: 4, count: 30), task: "csv")
            .run(.init(hidden: 2, config: TrainingConfig(epochs: 5), window: 8))
        let finite = r.model.parameters.allSatisfy { $0.isFinite }
        #expect(finite)
        #expect(r.naiveMSE == 0)
    }
}
