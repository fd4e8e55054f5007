/// A forecaster's errors on a series whose future is known: one step ahead (every step reads the
/// true value) and free-running from an observed prefix (every later step reads the network's own
/// previous prediction, as lesson 3's out-of-town days are fed yesterday's guess).
///
/// Steps count from 1 as on screen: the prediction made at step t is of the value at step t + 1.
/// The forecast h steps ahead (h = 1 … horizon) is of step `observed + h`: h = 1 is made after
/// reading the last observed value, so it is a one-step prediction too; every later one reads a guess.
public struct SeriesForecast: Sendable, Equatable {
    /// The true series x_1 … x_T.
    public let truth: [Double]
    /// Steps the forecast reads before it runs on its own predictions.
    public let observed: Int
    /// `oneStep[t - 1]`: the prediction of x_{t+1} after reading x_1 … x_t (t = 1 … T − 1).
    public let oneStep: [Double]
    /// `forecast[h - 1]`: the free-running prediction of x_{observed+h} (h = 1 … T − observed).
    public let forecast: [Double]

    /// Runs `model` (real inputs, one regression output fed back) on `truth`: once teacher-forced,
    /// once reading only the first `observed` values (clamped to 1 … T).
    public init(model: RecurrentModel, truth: [Double], observed: Int) {
        precondition(model.inputSize == 1 && model.outputSize == 1, "a forecaster of one series")
        self.truth = truth
        let T = truth.count
        let seen = min(max(1, observed), max(1, T))
        self.observed = seen
        guard T >= 1 else { oneStep = []; forecast = []; return }
        let forced = model.forward(SequenceInput(values: truth, inputSize: 1))
        oneStep = (0..<max(0, T - 1)).map { forced.outputs(at: $0 + 1)[0] }
        if seen < T {
            var input = SequenceInput(values: Array(truth.prefix(seen)) + [Double](repeating: 0, count: T - seen), inputSize: 1)
            input.unknownSteps = (0..<T).map { $0 >= seen }
            let free = model.forwardFeedingPredictions(input)
            forecast = (1...(T - seen)).map { free.outputs(at: seen + $0 - 1)[0] }
        } else {
            forecast = []
        }
    }

    /// How many steps are forecast.
    public var horizon: Int { forecast.count }

    /// |forecast − truth| h steps past the observed prefix (h = 1 … horizon).
    public func forecastError(_ h: Int) -> Double { abs(forecast[h - 1] - truth[observed + h - 1]) }

    /// The mean forecast error over h = from … to.
    public func meanForecastError(from: Int, to: Int) -> Double {
        let hs = from...to
        return hs.reduce(0) { $0 + forecastError($1) } / Double(hs.count)
    }

    /// |one-step prediction − truth| at step t (t = 2 … T): the error when step t − 1 read the true value.
    public func oneStepError(atStep t: Int) -> Double { abs(oneStep[t - 2] - truth[t - 1]) }

    /// The mean one-step-ahead error over the whole series (steps 2 … T).
    public var meanOneStepError: Double {
        guard truth.count >= 2 else { return 0 }
        return (2...truth.count).reduce(0) { $0 + oneStepError(atStep: $1) } / Double(truth.count - 1)
    }

    /// The error of repeating the last observed value h steps ahead (the naive forecast to beat).
    public func persistenceError(_ h: Int) -> Double { abs(truth[observed - 1] - truth[observed + h - 1]) }
}
