import ForesiteCore

/// One retraining of a backtest: an ensemble fitted on data up to `trainedThrough` and calibrated on
/// that training's held-out windows.
public struct BacktestTraining: Hashable, Sendable, Codable {
    public var trainedThrough: Day
    public var mode: Config.TargetMode
    public var seeds: [UInt64]
    public var bestEpochs: [Int]
    /// Windows in the training part, and held-out windows the conformal quantiles came from.
    public var trainingWindows: Int
    public var calibrationWindows: Int
    /// Sum of the members' training times (wall time is lower: they run concurrently).
    public var trainingSeconds: Double
}

/// Reported as each training of a backtest finishes (from a worker thread, one call at a time).
public struct BacktestProgress: Hashable, Sendable {
    public var trainingsDone: Int
    public var trainingsTotal: Int
    /// Seconds since the backtest started.
    public var elapsed: Double
}
