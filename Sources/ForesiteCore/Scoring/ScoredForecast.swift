/// One quantile forecast scored against its actual: the unit every accuracy table averages.
public struct ScoredForecast: Hashable, Sendable {
    /// The last day of data the forecast used.
    public var origin: Day
    /// Days after the origin, 1…H.
    public var horizon: Int
    public var absoluteError: Double
    public var weightedIntervalScore: Double
    /// Per interval level, whether the actual fell inside (bounds included), ascending by level.
    public var covered: [Coverage]

    public struct Coverage: Hashable, Sendable {
        public var level: Double
        public var inside: Bool
    }

    public init(origin: Day, horizon: Int, forecast: QuantileForecast, actual: Double) {
        self.origin = origin
        self.horizon = horizon
        absoluteError = abs(actual - forecast.median)
        weightedIntervalScore = ForecastScore.weightedIntervalScore(forecast, actual: actual)
        covered = forecast.intervals.map { Coverage(level: $0.level, inside: $0.contains(actual)) }
    }

    /// The pairing key: a model and its baseline are compared on the same origin and horizon only.
    public var key: Key { Key(origin: origin, horizon: horizon) }

    public struct Key: Hashable, Sendable, Comparable {
        public var origin: Day
        public var horizon: Int

        public init(origin: Day, horizon: Int) {
            self.origin = origin
            self.horizon = horizon
        }

        public static func < (lhs: Key, rhs: Key) -> Bool { (lhs.origin, lhs.horizon) < (rhs.origin, rhs.horizon) }
    }
}
