import ForesiteCore

/// A walk-forward backtest as stored: its settings and every quantile forecast each model made at each
/// origin, with the actual that followed.
public struct BacktestRecord: Hashable, Sendable {
    /// One model's forecast at one origin and horizon: its median and central intervals (at every
    /// level, 50/80/95 % and any others), and the actual that followed.
    public struct Forecast: Hashable, Sendable {
        /// `lstm-returns`, `persistence`, `drift`, … (the backtest's own model names).
        public var model: String
        public var origin: Day
        public var horizon: Int
        public var targetDay: Day
        /// The 0.5 quantile (the `point` column).
        public var median: Double
        public var actual: Double
        /// Ascending by level.
        public var intervals: [PredictionInterval]

        public init(
            model: String, origin: Day, horizon: Int, targetDay: Day, median: Double, actual: Double,
            intervals: [PredictionInterval] = []
        ) {
            self.model = model
            self.origin = origin
            self.horizon = horizon
            self.targetDay = targetDay
            self.median = median
            self.actual = actual
            self.intervals = intervals.sorted { $0.level < $1.level }
        }

        public init(
            model: String, origin: Day, horizon: Int, targetDay: Day, forecast: QuantileForecast, actual: Double
        ) {
            self.init(
                model: model, origin: origin, horizon: horizon, targetDay: targetDay, median: forecast.median,
                actual: actual, intervals: forecast.intervals)
        }

        /// The median and intervals as the scorer takes them.
        public var forecast: QuantileForecast { QuantileForecast(median: median, intervals: intervals) }

        public var scored: ScoredForecast {
            ScoredForecast(origin: origin, horizon: horizon, forecast: forecast, actual: actual)
        }
    }

    /// Assigned by the store; nil before `StoreWriter.record(_:)`.
    public var id: Int64?
    /// ISO 8601 UTC.
    public var createdAt: String
    public var fromDay: Day
    public var toDay: Day
    public var retrainEvery: Int
    public var ensemble: Int
    /// The remaining settings (window, epochs, target mode, …) as JSON.
    public var settingsJSON: String
    /// Ordered by model, origin, horizon.
    public var forecasts: [Forecast]

    public init(
        id: Int64? = nil, createdAt: String, fromDay: Day, toDay: Day, retrainEvery: Int, ensemble: Int,
        settingsJSON: String = "{}", forecasts: [Forecast]
    ) {
        self.id = id
        self.createdAt = createdAt
        self.fromDay = fromDay
        self.toDay = toDay
        self.retrainEvery = retrainEvery
        self.ensemble = ensemble
        self.settingsJSON = settingsJSON
        self.forecasts = forecasts
    }

    /// The models stored, in order of first appearance.
    public var models: [String] {
        var seen = Set<String>()
        return forecasts.map(\.model).filter { seen.insert($0).inserted }
    }

    /// `model`'s forecasts scored, by origin then horizon.
    public func scores(for model: String) -> [ScoredForecast] {
        forecasts.filter { $0.model == model }.map(\.scored)
    }
}
