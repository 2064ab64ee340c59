import ForesiteCore
import ForesiteForecast
import ForesiteML
import Foundation

/// Small deterministic frames for tests that train: a geometric random walk (`asset.open`), a close
/// that leads the next open, and a noisy volume, so the network has something learnable but nothing
/// beyond what a few epochs can find.
enum SyntheticFrame {
    static let inputs = ["asset.open", "asset.close", "asset.volume"]
    static let target = "asset.open"
    static let firstDay = Day(iso: "2023-01-01")!

    static func make(days: Int = 160, seed: UInt64 = 1) -> FeatureFrame {
        var generator = SeededGenerator(seed: seed)
        var open = 100.0
        var rows: [[Double]] = []
        for _ in 0..<days {
            let close = open * exp(0.03 * generator.nextGaussian())
            rows.append([open, close, 1000 + 100 * generator.nextGaussian()])
            open = close * exp(0.002 * generator.nextGaussian())
        }
        return FeatureFrame(days: (0..<days).map { firstDay.adding(days: $0) }, columns: inputs, rows: rows)
    }

    /// `frame` with every value after `day` replaced by something else entirely.
    static func rewritten(_ frame: FeatureFrame, after day: Day) -> FeatureFrame {
        var generator = SeededGenerator(seed: 99)
        let rows = zip(frame.days, frame.rows).map { rowDay, row in
            rowDay <= day ? row : row.map { $0 * (2 + generator.nextUnit()) }
        }
        return FeatureFrame(days: frame.days, columns: frame.columns, rows: rows)
    }

    /// A configuration for the synthetic columns, tiny and fast: a few epochs of a 4-unit LSTM,
    /// 5-day windows, 3 horizons.
    static var config: Config {
        var config = Config()
        config.target.group = "asset"
        config.covariates = []
        config.model.inputs = inputs
        config.model.window = 5
        config.model.horizon = 3
        config.model.hidden = 4
        config.model.dense = 4
        config.model.epochs = 4
        config.model.batch = 16
        config.model.learningRate = 1e-3
        return config
    }

    /// Backtest settings over the synthetic columns; the target is `asset.<field>`. The models are exactly
    /// `models` (persistence always), so that adding a model to the standard catalog changes no count here.
    static func settings(
        from: Day, to: Day, retrainEvery: Int = 5, ensemble: Int = 2, field: String = "close",
        models: [ModelID] = ["lstm", "lstm-seed", "persistence", "drift"]
    ) -> BacktestSettings {
        let config = config(ensemble: ensemble, field: field, models: models)
        return BacktestSettings(config: config, from: from, to: to, retrainEvery: retrainEvery)
    }

    static func config(ensemble: Int = 2, field: String = "close", models: [ModelID]) -> Config {
        var config = config
        config.targetField = Config.TargetField(rawValue: field)!
        config.model.ensemble = ensemble
        for id in ModelCatalog.standard(config: config).ids { config.models[id.rawValue] = models.contains(id) }
        config.models[ModelID.persistence.rawValue] = nil
        return config
    }

    /// The walk-forward backtest of `settings` over `frame` with the standard catalog of its settings, on
    /// the jobs of `parallelism`.
    static func run(
        _ frame: FeatureFrame, _ settings: BacktestSettings, ensemble: Int = 2, field: String = "close",
        parallelism: Parallelism = .allCores, progress: (@Sendable (BacktestProgress) -> Void)? = nil
    ) throws -> BacktestResult {
        let catalog = ModelCatalog.standard(
            config: config(ensemble: ensemble, field: field, models: settings.models), parallelism: parallelism)
        return try Backtest.walkForward(
            frame: frame, settings: settings, catalog: catalog, parallelism: parallelism, progress: progress)
    }

    static func trainingSet(_ frame: FeatureFrame, mode: Config.TargetMode = .returns) throws -> TrainingSet {
        try TrainingSet.build(
            frame: frame, inputs: inputs, target: target, window: config.model.window,
            horizon: config.model.horizon, mode: mode)
    }
}
