import Testing
@testable import UnrollCore

/// `lessons/models/wave-lstm.json`, the time-series lab's forecaster (`unroll train wave --seed 0 --hidden 8 --epochs 600`).
@Suite struct ShippedWaveModelTests {
    @Test func itForecastsAWaveItNeverSawFedItsOwnPredictions() throws {
        let model = try ShippedModels.load("wave-lstm")
        #expect(model.inputKind == .real && model.outputKind == .regression && model.canFeedPredictions)
        let truth = Wave(seed: 1).values(length: 72)
        var input = SequenceInput(values: Array(truth.prefix(48)) + [Double](repeating: 0, count: 24), inputSize: 1)
        input.unknownSteps = (0..<72).map { $0 >= 48 }
        let fed = model.forwardFeedingPredictions(input)
        let unfed = model.forward(input)
        var fedError = 0.0, unfedError = 0.0, spread = 0.0
        let mean = truth.reduce(0, +) / 72
        for t in 48..<71 {
            fedError += (fed.outputs(at: t)[0] - truth[t]) * (fed.outputs(at: t)[0] - truth[t])
            unfedError += (unfed.outputs(at: t)[0] - truth[t]) * (unfed.outputs(at: t)[0] - truth[t])
            spread += (truth[t] - mean) * (truth[t] - mean)
        }
        // Fed itself, the forecast follows the wave (well inside its spread); fed nothing, it does not.
        #expect(fedError < spread / 10, "fed \(fedError), spread \(spread)")
        #expect(fedError < unfedError / 5, "fed \(fedError), fed nothing \(unfedError)")
    }
}
