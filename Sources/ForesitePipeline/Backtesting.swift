import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteStore
import Foundation

/// `foresite backtest`: the walk-forward evaluation over the store's complete days, every model's median
/// and 50/80/95 % intervals stored per origin and horizon in the backtest archive (which the site's
/// accuracy page reads) and summarised as a table of scores against persistence.
public enum Backtesting {
    /// The command's options; nil means the default described on each.
    public struct Options: Hashable, Sendable {
        /// First origin; default one year before `to`.
        public var from: Day?
        /// Last origin; default the last day whose `horizon` targets are all known.
        public var to: Day?
        /// Default `model.retrain_every_days` of the configuration.
        public var retrainEvery: Int?
        /// Default `model.ensemble` of the configuration.
        public var ensemble: Int?

        public init(from: Day? = nil, to: Day? = nil, retrainEvery: Int? = nil, ensemble: Int? = nil) {
            self.from = from
            self.to = to
            self.retrainEvery = retrainEvery
            self.ensemble = ensemble
        }
    }

    public struct Report: Sendable {
        public var result: BacktestResult
        /// The archive id the results were stored under.
        public var runID: Int64
    }

    public static func run(_ workspace: Workspace, store: FeatureStore, options: Options = Options()) throws -> Report {
        let config = workspace.config
        let frame = try FeatureFrameLoader.load(workspace, from: store, through: workspace.today.adding(days: -1))
        guard let lastDay = frame.days.last else {
            throw PipelineError.staleData(group: config.target.group, lastDay: nil, today: workspace.today)
        }
        let to = options.to ?? lastDay.adding(days: -config.model.horizon)
        var sized = workspace
        if let ensemble = options.ensemble { sized.config.model.ensemble = ensemble }
        let catalog = sized.catalog
        try catalog.validate(sized.config)
        let settings = BacktestSettings(
            config: sized.config, from: options.from ?? to.adding(days: -364), to: to,
            retrainEvery: options.retrainEvery, catalog: catalog)
        let console = workspace.console
        let result = try Backtest.walkForward(
            frame: frame, settings: settings, catalog: catalog, parallelism: workspace.parallelism
        ) { progress in
            let eta =
                progress.elapsed / Double(progress.trainingsDone)
                * Double(progress.trainingsTotal - progress.trainingsDone)
            console.progress(
                "backtest", done: progress.trainingsDone, total: progress.trainingsTotal,
                detail: String(format: "fits · %.1f s · ETA %.0f s", progress.elapsed, eta), lineEvery: 10)
        }
        let record = BacktestRecord(
            createdAt: store.timestamp(), fromDay: settings.from, toDay: settings.to,
            retrainEvery: settings.retrainEvery, ensemble: settings.ensemble, settingsJSON: try jsonText(settings),
            forecasts: result.forecasts)
        let runID = try store.write(command: "backtest") { writer in try writer.record(record) }
        return Report(result: result, runID: runID)
    }
}
