import Testing
@testable import UnrollCore

/// `SeriesForecast`: one step ahead and free-running errors, the same numbers the run shows.
@Suite struct SeriesForecastTests {
    @Test func itMeasuresTheSameRunTheLessonShows() throws {
        let model = try ShippedModels.load("wave-lstm")
        let truth = Wave(seed: 1).values(length: 60)
        let f = SeriesForecast(model: model, truth: truth, observed: 36)
        #expect(f.horizon == 24 && f.oneStep.count == 59)
        // The run a scene makes: 36 values, then 24 unknown steps fed the previous prediction.
        var input = SequenceInput(values: Array(truth.prefix(36)) + [Double](repeating: 0, count: 24), inputSize: 1)
        input.unknownSteps = (0..<60).map { $0 >= 36 }
        let run = Run(model: model, input: input, feedOwnPredictions: true)
        #expect(run.feedsOwnPredictions)
        for h in 1...24 {
            #expect(abs(f.forecast[h - 1] - run.shown.outputs(at: 36 + h - 1)[0]) < 1e-12, "h = \(h)")
            #expect(abs(f.forecastError(h) - abs(f.forecast[h - 1] - truth[36 + h - 1])) < 1e-15)
        }
        // h = 1 is made after the last real reading: it is the one-step guess of step 37.
        #expect(abs(f.forecast[0] - f.oneStep[35]) < 1e-12)
        #expect(abs(f.oneStepError(atStep: 37) - f.forecastError(1)) < 1e-12)
        // Step 37 of the run read the first forecast (made at step 36), step 38 the second, not the truth.
        #expect(abs(run.shown.input(at: 37)[0] - f.forecast[0]) < 1e-12)
        #expect(abs(run.shown.input(at: 38)[0] - f.forecast[1]) < 1e-12)
        #expect(abs(run.shown.input(at: 38)[0] - truth[37]) > 1e-3)
        // On this wave the error grows over the horizon: far steps are worse than the first few.
        #expect(f.meanForecastError(from: 13, to: 24) > 3 * f.meanForecastError(from: 1, to: 6))
    }

    @Test func errorsAreMeansAndThePersistenceBaselineRepeatsTheLastReading() throws {
        let model = try ShippedModels.load("wave-lstm")
        let truth = Wave(seed: 2).values(length: 30)
        let f = SeriesForecast(model: model, truth: truth, observed: 20)
        let mean = (1...10).map(f.forecastError).reduce(0, +) / 10
        #expect(abs(f.meanForecastError(from: 1, to: 10) - mean) < 1e-15)
        let oneStep = (2...30).map(f.oneStepError(atStep:)).reduce(0, +) / 29
        #expect(abs(f.meanOneStepError - oneStep) < 1e-15)
        #expect(f.persistenceError(3) == abs(truth[19] - truth[22]))
    }

    @Test func withNothingToForecastThereIsOnlyOneStepAhead() throws {
        let model = try ShippedModels.load("wave-lstm")
        let f = SeriesForecast(model: model, truth: Wave(seed: 1).values(length: 12), observed: 12)
        #expect(f.horizon == 0 && f.forecast.isEmpty && f.oneStep.count == 11)
        #expect(f.meanOneStepError > 0)
    }
}
