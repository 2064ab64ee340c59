import ForesiteCore

/// One model's forecast at one origin for one horizon, with the actual that followed: a backtest row.
public struct BacktestForecast: Hashable, Sendable, Codable {
    public var model: BacktestModel
    public var origin: Day
    public var targetDay: Day
    /// The day the forecasting model was trained through (nil for the baselines, which are not trained).
    public var trainedThrough: Day?
    /// Horizon, origin value, point, actual and intervals: what the metrics are computed from.
    public var outcome: ForecastOutcome

    public init(model: BacktestModel, origin: Day, targetDay: Day, trainedThrough: Day?, outcome: ForecastOutcome) {
        self.model = model
        self.origin = origin
        self.targetDay = targetDay
        self.trainedThrough = trainedThrough
        self.outcome = outcome
    }

    public var horizon: Int { outcome.horizon }
}
