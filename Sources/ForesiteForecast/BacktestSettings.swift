import ForesiteCore
import ForesiteML

/// What a walk-forward backtest runs: which origins, how often to retrain, which models, and the
/// training settings each retraining uses.
///
/// Codable so the store can keep the exact settings beside the results.
public struct BacktestSettings: Hashable, Sendable, Codable {
    /// First and last forecast origin (inclusive).
    public var from: Day
    public var to: Day
    /// Days between retrainings; the first is on `from`, each on data up to that day only.
    public var retrainEvery: Int
    /// Members per LSTM ensemble (seeds `seed`, `seed + 1`, …).
    public var ensemble: Int
    /// The models compared, in catalog order (fitted models, then combinations); persistence among them.
    public var models: [ModelID]
    public var inputs: [String]
    /// The forecast column: the target group's configured field, e.g. `solana.close`.
    public var target: String
    /// The target instrument's close column (`solana.close`): the latest known price at an origin,
    /// persistence's median and the base of every model's change distribution.
    public var reference: String
    public var window: Int
    public var horizon: Int
    public var hidden: Int
    public var dense: Int
    public var epochs: Int
    public var batch: Int
    public var learningRate: Double
    public var seed: UInt64
    public var patience: Int
    /// Central interval levels every model publishes (the LSTM's conformal ones, the baselines'
    /// empirical ones), ascending: the standard 50/80/95 % and any others the configuration asks for.
    public var levels: [Double]
    /// Observations the drift baseline spans.
    public var driftWindow: Int
    /// Trailing days of past changes behind persistence's quantiles (see `Persistence.defaultWindow`).
    public var persistenceWindow: Int

    /// The configuration's model settings over `from…to`, comparing the models `catalog` (by default the
    /// standard one) turns on for `config`. The LSTM's ensemble size is the configuration's.
    public init(
        config: Config, from: Day, to: Day, retrainEvery: Int? = nil, catalog: ModelCatalog? = nil
    ) {
        let model = config.model
        self.from = from
        self.to = to
        self.retrainEvery = retrainEvery ?? model.retrainEveryDays
        ensemble = model.ensemble
        models = (catalog ?? .standard(config: config)).enabledIDs(config)
        inputs = model.inputs
        target = config.targetColumn
        reference = config.referenceColumn
        window = model.window
        horizon = model.horizon
        hidden = model.hidden
        dense = model.dense
        epochs = model.epochs
        batch = model.batch
        learningRate = model.learningRate
        seed = model.seed
        patience = model.patience
        levels = Set(QuantileForecast.standardLevels + model.intervals).sorted()
        driftWindow = model.window
        persistenceWindow = Persistence.defaultWindow
    }

    /// What every model sees: the frame with these settings' columns, horizon and levels.
    public func modelData(frame: FeatureFrame) -> ModelData {
        ModelData(
            frame: frame, target: target, reference: reference, inputs: inputs, horizon: horizon, levels: levels)
    }

    /// The retraining days: `from`, `from + retrainEvery`, … up to `to`.
    public var retrainDays: [Day] {
        stride(from: 0, through: to.days(since: from), by: retrainEvery).map { from.adding(days: $0) }
    }

    /// The retraining whose model forecasts at `origin`: the latest on or before it.
    func retrainIndex(for origin: Day) -> Int { origin.days(since: from) / retrainEvery }

    func validate() throws {
        func invalid(_ name: String, _ value: Any, _ reason: String) -> ForecastError {
            ForecastError.invalidSetting(name: name, value: "\(value)", reason: reason)
        }
        guard from <= to else { throw invalid("from", from, "is after to (\(to))") }
        guard retrainEvery >= 1 else { throw invalid("retrain-every", retrainEvery, "must be at least 1 day") }
        guard ensemble >= 1 else { throw invalid("ensemble", ensemble, "must be at least 1") }
        guard window >= 1 else { throw invalid("window", window, "must be at least 1") }
        guard horizon >= 1 else { throw invalid("horizon", horizon, "must be at least 1") }
        guard driftWindow >= 2 else { throw invalid("drift window", driftWindow, "must be at least 2") }
        guard persistenceWindow >= 1 else {
            throw invalid("persistence window", persistenceWindow, "must be at least 1 day")
        }
        guard models.contains(.persistence) else { throw invalid("models", models, "must include persistence") }
        for level in levels where !(level > 0 && level < 1) { throw ForecastError.invalidLevel(level) }
    }
}
