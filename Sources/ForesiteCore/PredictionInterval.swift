/// A central prediction interval at `level` (e.g. 0.8 for 80 %): the forecast claims the actual value
/// falls in `lower…upper` with that probability.
///
/// In Core because the forecaster makes them, the ledger and backtest archive store them and the site
/// draws them: one type for all three.
public struct PredictionInterval: Hashable, Sendable, Codable {
    public var level: Double
    public var lower: Double
    public var upper: Double

    public init(level: Double, lower: Double, upper: Double) {
        self.level = level
        self.lower = lower
        self.upper = upper
    }

    public var width: Double { upper - lower }

    /// Closed on both ends: an actual exactly on a bound counts as covered, matching the conformal
    /// guarantee, which is stated for `|residual| ≤ quantile`.
    public func contains(_ actual: Double) -> Bool { lower <= actual && actual <= upper }

    /// The Winkler (interval) score: width plus 2/α times how far the actual falls outside, α = 1 − level.
    ///
    /// Lower is better. It rewards narrow intervals but charges a miss in proportion to its size, so an
    /// interval cannot win by being narrow and wrong (Gneiting & Raftery 2007, eq. 43).
    public func winklerScore(actual: Double) -> Double { ForecastScore.intervalScore(self, actual: actual) }

}
