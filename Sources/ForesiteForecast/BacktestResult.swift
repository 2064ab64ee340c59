import ForesiteCore

/// Everything a walk-forward backtest produced: every forecast row, the trainings behind them, and the
/// per-model metrics derived from the rows.
public struct BacktestResult: Sendable {
    public let settings: BacktestSettings
    /// Ordered by origin, then model (in `models` order), then horizon. Only horizons whose target
    /// day has an actual in the frame appear.
    public let forecasts: [BacktestForecast]
    /// Origins with no complete input window in the frame (a missing day), hence no forecast.
    public let skippedOrigins: [Day]
    /// In retraining order, modes in `settings.modes` order within a day.
    public let trainings: [BacktestTraining]
    /// The target's mean absolute daily change up to the first origin: the MASE scale of every model,
    /// so their MASEs are comparable.
    public let naiveScale: Double?
    /// Wall-clock seconds for the whole backtest.
    public let seconds: Double

    public init(
        settings: BacktestSettings, forecasts: [BacktestForecast], skippedOrigins: [Day],
        trainings: [BacktestTraining], naiveScale: Double?, seconds: Double
    ) {
        self.settings = settings
        self.forecasts = forecasts
        self.skippedOrigins = skippedOrigins
        self.trainings = trainings
        self.naiveScale = naiveScale
        self.seconds = seconds
    }

    /// The compared models: the LSTM modes in settings order, then naive, naive-close (when the frame
    /// had the target instrument's close) and drift.
    public var models: [BacktestModel] {
        let close: [BacktestModel] = forecasts.contains { $0.model == .naiveClose } ? [.naiveClose] : []
        return settings.modes.map(BacktestModel.lstm) + [.naive] + close + [.drift]
    }

    /// Origins that were forecast, ascending.
    public var origins: [Day] {
        var seen = Set<Day>()
        return forecasts.map(\.origin).filter { seen.insert($0).inserted }
    }

    /// `model`'s accuracy per horizon and overall.
    public func metrics(for model: BacktestModel) -> MetricsByHorizon {
        MetricsByHorizon(forecasts.filter { $0.model == model }.map(\.outcome), naiveScale: naiveScale)
    }
}
