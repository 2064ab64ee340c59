import ForesiteCore

/// A walk-forward backtest as stored: its settings and every quantile forecast each model made at each
/// origin, with the actual that followed.
public struct BacktestRecord: Hashable, Sendable {
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
    public var forecasts: [BacktestForecast]

    public init(
        id: Int64? = nil, createdAt: String, fromDay: Day, toDay: Day, retrainEvery: Int, ensemble: Int,
        settingsJSON: String = "{}", forecasts: [BacktestForecast]
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
        return forecasts.map(\.model.rawValue).filter { seen.insert($0).inserted }
    }

    /// `model`'s forecasts scored, by origin then horizon.
    public func scores(for model: String) -> [ScoredForecast] {
        forecasts.filter { $0.model.rawValue == model }.map(\.scored)
    }
}
