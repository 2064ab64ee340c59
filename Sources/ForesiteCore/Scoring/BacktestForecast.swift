/// One model's quantile forecast at one origin for one horizon, with the actual that followed: a
/// backtest row, as the walk-forward makes it, the store keeps it and the site scores it.
public struct BacktestForecast: Hashable, Sendable, Codable {
    public var model: ModelID
    public var origin: Day
    /// Days after the origin, 1…H.
    public var horizon: Int
    public var targetDay: Day
    /// The day a model refitted on a schedule was fitted through (nil for a model fitted at each origin).
    /// The walk-forward's own bookkeeping: the store does not keep it, so a stored row reads back nil.
    public var trainedThrough: Day?
    /// The median and the central intervals.
    public var forecast: QuantileForecast
    /// The target field's value on `targetDay`.
    public var actual: Double

    public init(
        model: ModelID, origin: Day, horizon: Int, targetDay: Day, trainedThrough: Day? = nil,
        forecast: QuantileForecast, actual: Double
    ) {
        self.model = model
        self.origin = origin
        self.horizon = horizon
        self.targetDay = targetDay
        self.trainedThrough = trainedThrough
        self.forecast = forecast
        self.actual = actual
    }

    /// The row scored by the one scorer every accuracy figure uses.
    public var scored: ScoredForecast {
        ScoredForecast(origin: origin, horizon: horizon, forecast: forecast, actual: actual)
    }
}
