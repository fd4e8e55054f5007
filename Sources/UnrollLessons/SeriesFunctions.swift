import UnrollCore

/// Check functions for a forecaster's scene (`series:`): the true wave, the live run's predictions,
/// and the one-step and free-running errors that `SeriesForecast` (UnrollCore) measures.
public enum SeriesFunctions {
    /// Every series function, as listed in `CheckFunctions.standard`.
    public static let all: [CheckFunction] = [
        CheckFunction(name: "series_value", arity: 1...1,
                      summary: "series_value(t): the true value of the scene's series at step t (observed or forecast)") { a, ctx in
            let (_, forecast) = try series(ctx)
            let t = try AnalysisFunctions.positive(a, 0)
            guard t <= forecast.truth.count else { throw CheckFunctionError("step \(t) is past the series' \(forecast.truth.count) steps", argument: 0) }
            return .number(forecast.truth[t - 1])
        },
        CheckFunction(name: "prediction", arity: 1...1,
                      summary: "prediction(t): the scene's run's output at step t, its guess of step t + 1 (fed its own guesses at ? steps)") { a, ctx in
            guard ctx.run.model.outputKind == .regression else { throw CheckFunctionError("prediction(t) is for a forecaster of numbers") }
            let t = try AnalysisFunctions.positive(a, 0)
            guard t <= ctx.run.steps else { throw CheckFunctionError("step \(t) is past the last step \(ctx.run.steps)", argument: 0) }
            return .number(ctx.run.trace.outputs(at: t)[0])
        },
        CheckFunction(name: "input_value", arity: 1...1,
                      summary: "input_value(t): the number the scene's run read at step t: the wave's, or at a ? step its own previous prediction") { a, ctx in
            guard ctx.run.model.inputKind == .real else { throw CheckFunctionError("input_value(t) is for a model that reads numbers") }
            let t = try AnalysisFunctions.positive(a, 0)
            guard t <= ctx.run.steps else { throw CheckFunctionError("step \(t) is past the last step \(ctx.run.steps)", argument: 0) }
            return .number(ctx.run.trace.input(at: t)[0])
        },
        CheckFunction(name: "one_step_error", arity: 0...1,
                      summary: "one_step_error(), one_step_error(t): |prediction − truth| one step ahead, every step fed the true value: the mean over the series, or at step t (2 … T)") { a, ctx in
            let (_, forecast) = try series(ctx)
            guard a.count == 1 else { return .number(forecast.meanOneStepError) }
            let t = try AnalysisFunctions.positive(a, 0)
            guard t >= 2, t <= forecast.truth.count else { throw CheckFunctionError("step should be 2…\(forecast.truth.count)", argument: 0) }
            return .number(forecast.oneStepError(atStep: t))
        },
        CheckFunction(name: "forecast", arity: 1...1,
                      summary: "forecast(h): the free-running forecast h steps past the observed ones (1 … horizon)") { a, ctx in
            let (_, forecast) = try series(ctx)
            return .number(forecast.forecast[try horizon(a, 0, forecast) - 1])
        },
        CheckFunction(name: "forecast_error", arity: 1...1,
                      summary: "forecast_error(h): |forecast − truth| h steps past the observed ones, the network fed its own predictions") { a, ctx in
            let (_, forecast) = try series(ctx)
            return .number(forecast.forecastError(try horizon(a, 0, forecast)))
        },
        CheckFunction(name: "mean_forecast_error", arity: 2...2,
                      summary: "mean_forecast_error(a, b): the mean of forecast_error(h) over h = a … b") { a, ctx in
            let (_, forecast) = try series(ctx)
            let from = try horizon(a, 0, forecast), to = try horizon(a, 1, forecast)
            guard from <= to else { throw CheckFunctionError("a should be at most b", argument: 1) }
            return .number(forecast.meanForecastError(from: from, to: to))
        },
        CheckFunction(name: "persistence_error", arity: 1...1,
                      summary: "persistence_error(h): the error h steps ahead of repeating the last observed value (the naive forecast)") { a, ctx in
            let (_, forecast) = try series(ctx)
            return .number(forecast.persistenceError(try horizon(a, 0, forecast)))
        },
    ]

    /// The scene's series and the forecast of its model on it.
    static func series(_ ctx: CheckContext) throws(CheckFunctionError) -> (SeriesSpec, SeriesForecast) {
        guard let spec = ctx.run.scene.series else { throw CheckFunctionError("the scene has no 'series' (a wave for a forecaster)") }
        let model = ctx.run.model
        guard model.inputKind == .real, model.inputSize == 1, model.outputSize == 1 else {
            throw CheckFunctionError("the scene's model is not a forecaster of one series")
        }
        return (spec, spec.forecast(model))
    }

    /// Argument `i` as a horizon 1 … the scene's.
    static func horizon(_ a: CheckArguments, _ i: Int, _ forecast: SeriesForecast) throws(CheckFunctionError) -> Int {
        let h = try a.integer(i)
        guard forecast.horizon >= 1 else { throw CheckFunctionError("the scene's series forecasts nothing (horizon 0)", argument: i) }
        guard (1...forecast.horizon).contains(h) else { throw CheckFunctionError("h should be 1…\(forecast.horizon), the scene's horizon", argument: i) }
        return h
    }
}
