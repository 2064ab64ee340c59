import ForesiteCore

/// A walk-forward backtest as stored: its settings and every forecast each model made at each origin.
public struct BacktestRecord: Hashable, Sendable {
    /// One model's forecast at one origin and horizon, with the actual that followed.
    public struct Forecast: Hashable, Sendable {
        /// `lstm`, `naive`, `drift`, … (the backtest's own model names).
        public var model: String
        public var origin: Day
        public var horizon: Int
        public var targetDay: Day
        public var point: Double
        public var actual: Double
        public var intervals: [PredictionInterval]

        public init(
            model: String, origin: Day, horizon: Int, targetDay: Day, point: Double, actual: Double,
            intervals: [PredictionInterval] = []
        ) {
            self.model = model
            self.origin = origin
            self.horizon = horizon
            self.targetDay = targetDay
            self.point = point
            self.actual = actual
            self.intervals = intervals
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
}
