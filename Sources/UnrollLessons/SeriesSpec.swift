import UnrollCore

/// A scene's `series`: the wave a forecaster reads (`unroll train wave`'s formula, seeded), how
/// many of its steps it observes and how many it then forecasts on its own predictions.
///
/// The scene's input becomes the observed values (three decimals, as `unroll lab series` writes
/// them) followed by one `?` per forecast step; the truth of every step stays known, so checks and
/// the plot can measure the forecast against it.
public struct SeriesSpec: Sendable, Equatable {
    /// The wave's seed (the shipped `wave-lstm` was trained on seed 0's wave; 1 and on are new to it).
    public var seed: Located<Int>
    /// Steps read before the forecast starts.
    public var observed: Located<Int>
    /// Steps forecast after them (0: one step ahead everywhere).
    public var horizon: Located<Int>

    public static let seeds = 0...99
    public static let observedSteps = 1...500
    public static let horizons = 0...500
    public static let keys = ["seed", "observed", "horizon"]

    public init(seed: Located<Int>, observed: Located<Int>, horizon: Located<Int>) {
        self.seed = seed
        self.observed = observed
        self.horizon = horizon
    }

    /// The true series, observed and forecast steps together, rounded to three decimals.
    public var truth: [Double] {
        Wave(seed: UInt64(seed.value)).values(length: observed.value + horizon.value).map { ($0 * 1000).rounded() / 1000 }
    }

    /// The scene input it stands for: the observed values, then `?` for each forecast step.
    public func input(at location: SourcePosition) -> TokenList {
        let known = truth.prefix(observed.value).map { "\($0)" }
        let words = known + [String](repeating: "?", count: horizon.value)
        return TokenList(tokens: words.map { Located($0, at: location) }, location: location)
    }

    /// The forecast of the scene's model on this series.
    public func forecast(_ model: RecurrentModel) -> SeriesForecast {
        SeriesForecast(model: model, truth: truth, observed: observed.value)
    }
}
