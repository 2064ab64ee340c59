import ForesiteCore

/// One fit of one model behind a backtest's forecasts: what was fitted, through which day, how long it took.
public struct BacktestFit: Hashable, Sendable, Codable {
    public var model: ModelID
    public var fittedThrough: Day
    /// The fitted model's `version` (for the LSTM: its members' seeds and best epochs).
    public var version: String
    public var seconds: Double

    public init(model: ModelID, fittedThrough: Day, version: String, seconds: Double) {
        self.model = model
        self.fittedThrough = fittedThrough
        self.version = version
        self.seconds = seconds
    }
}

/// How far a backtest's scheduled fits (the LSTM's trainings) have got.
public struct BacktestProgress: Hashable, Sendable {
    public var trainingsDone: Int
    public var trainingsTotal: Int
    /// Seconds since the backtest started.
    public var elapsed: Double
}
