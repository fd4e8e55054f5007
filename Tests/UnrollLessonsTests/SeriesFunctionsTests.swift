import Testing
import UnrollCore
@testable import UnrollLessons

/// A forecaster's scene (`series:`): its input is the wave, `?` steps read the network's own
/// guesses, and the series functions measure the same run against the known truth.
@Suite struct SeriesFunctionsTests {
    static let runner = SceneRunner(models: ModelStore(lessonsDirectory: Fixtures.root + "/lessons"))

    static func seriesRun(_ block: String) throws -> SceneRun {
        let l = try lesson(doc("## A\n```scene\nmodel: wave-lstm\n\(block)\n```\n"))
        switch runner.run(l.steps[0].scene, file: "t.md") {
        case let .success(r): return r
        case let .failure(d): Issue.record("scene failed: \(d)"); throw d
        }
    }

    static func number(_ expression: String, on run: SceneRun) throws -> Double {
        guard case let .success(f) = Formula.parse(expression, at: .start, file: "t.md") else { throw CheckFunctionError("parse") }
        let value = CheckEvaluator(run: run, functions: .standard, models: runner.models, analyses: runner.analyses).evaluate(f).map(\.value)
        guard case let .success(.number(x)) = value else { Issue.record("\(expression): \(value)"); throw CheckFunctionError("not a number") }
        return x
    }

    @Test func aSeriesIsTheInputAndTheForecastFeedsItself() throws {
        let run = try Self.seriesRun("series: {seed: 1, observed: 36, horizon: 24}")
        #expect(run.steps == 60)
        #expect(run.run.feedsOwnPredictions)
        #expect(run.scene.input.tokens.suffix(24).allSatisfy { $0.value == "?" })
        let truth = Wave(seed: 1).values(length: 60).map { ($0 * 1000).rounded() / 1000 }
        #expect(try Self.number("series_value(37)", on: run) == truth[36])
        // Step 38 read the step-37 guess; the forecast functions measure exactly that run.
        #expect(try Self.number("input_value(38)", on: run) == run.trace.outputs(at: 37)[0])
        #expect(try Self.number("forecast(2)", on: run) == run.trace.outputs(at: 37)[0])
        #expect(try Self.number("forecast_error(2)", on: run) == abs(run.trace.outputs(at: 37)[0] - truth[37]))
        #expect(try Self.number("persistence_error(12)", on: run) == abs(truth[35] - truth[47]))
        let errors = try (1...6).map { try Self.number("forecast_error(\($0))", on: run) }
        #expect(abs(try Self.number("mean_forecast_error(1, 6)", on: run) - errors.reduce(0, +) / 6) < 1e-12)
    }

    @Test func horizonsOutsideTheSceneAndWordModelsAreErrors() throws {
        let run = try Self.seriesRun("series: {seed: 1, observed: 10, horizon: 5}")
        guard case let .success(f) = Formula.parse("forecast_error(6)", at: .start, file: "t.md") else { Issue.record("parse"); return }
        let r = CheckEvaluator(run: run, functions: .standard, models: Self.runner.models, analyses: Self.runner.analyses).evaluate(f)
        guard case let .failure(e) = r else { Issue.record("expected an error, got \(r)"); return }
        #expect(e.message.contains("1…5"), "\(e.message)")
        // A series on a word model, or input and series in one block, are refused.
        #expect(firstError(doc("## A\n```scene\ninput: Jane saw\nseries: {observed: 3}\n```\n"))?.message.contains("not both") == true)
        let wordScene = try lesson(doc("## A\n```scene\nseries: {observed: 3}\n```\n")).steps[0].scene
        guard case let .failure(d) = Fixtures.runner.run(wordScene, file: "t.md") else { Issue.record("a word model ran a series"); return }
        #expect(d.message.contains("reads words"), "\(d.message)")
    }
}
