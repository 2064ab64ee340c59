import ForesiteCore

/// Everything a walk-forward backtest produced: every forecast row and the trainings behind them, and
/// the scores derived from the rows with the one scorer (`ScoredForecast`, `SkillComparison`).
public struct BacktestResult: Sendable {
    public let settings: BacktestSettings
    /// Ordered by origin, then model (in `models` order), then horizon. Only horizons whose target
    /// day has an actual in the frame appear; every model has the same origins and horizons.
    public let forecasts: [BacktestForecast]
    /// Origins with no forecast: no complete input window in the frame (a missing day), or too little
    /// history before them for persistence's quantiles.
    public let skippedOrigins: [Day]
    /// The scheduled fits (the LSTM's trainings), by retraining day then model.
    public let fits: [BacktestFit]
    /// Wall-clock seconds for the whole backtest.
    public let seconds: Double

    public init(
        settings: BacktestSettings, forecasts: [BacktestForecast], skippedOrigins: [Day],
        fits: [BacktestFit], seconds: Double
    ) {
        self.settings = settings
        self.forecasts = forecasts
        self.skippedOrigins = skippedOrigins
        self.fits = fits
        self.seconds = seconds
    }

    /// The compared models, in catalog order.
    public var models: [ModelID] { settings.models }

    /// Origins that were forecast, ascending.
    public var origins: [Day] {
        var seen = Set<Day>()
        return forecasts.map(\.origin).filter { seen.insert($0).inserted }
    }

    /// `model`'s rows scored, by origin then horizon.
    public func scores(for model: ModelID) -> [ScoredForecast] {
        forecasts.filter { $0.model == model }.map(\.scored)
    }

    /// `model` against persistence on the same origins and horizons: per horizon and overall, both
    /// sides' MAE, WIS and coverage, the relative WIS and the Diebold–Mariano verdict. Persistence
    /// against itself has relative WIS 1 and no test.
    public func skill(of model: ModelID) -> (horizons: [SkillComparison], overall: SkillComparison) {
        SkillComparison.table(model: scores(for: model), baseline: scores(for: .persistence))
    }
}
