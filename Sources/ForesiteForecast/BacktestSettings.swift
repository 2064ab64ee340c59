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
    /// LSTM target modes to compare; each is trained and scored separately.
    public var modes: [Config.TargetMode]
    public var inputs: [String]
    /// The forecast column, e.g. `solana.open`.
    public var target: String
    /// The target instrument's close column (`solana.close` for `solana.open`), for the naive-close baseline.
    public var closeColumn: String {
        (target.hasSuffix(".open") ? String(target.dropLast(".open".count)) : target) + ".close"
    }
    public var window: Int
    public var horizon: Int
    public var hidden: Int
    public var dense: Int
    public var epochs: Int
    public var batch: Int
    public var learningRate: Double
    public var seed: UInt64
    public var patience: Int
    /// Conformal interval levels.
    public var levels: [Double]
    /// Observations the drift baseline spans.
    public var driftWindow: Int

    /// The configuration's model settings, both target modes, over `from…to`.
    public init(
        config: Config, from: Day, to: Day, retrainEvery: Int? = nil, ensemble: Int? = nil,
        modes: [Config.TargetMode] = [.returns, .seed]
    ) {
        let model = config.model
        self.from = from
        self.to = to
        self.retrainEvery = retrainEvery ?? model.retrainEveryDays
        self.ensemble = ensemble ?? model.ensemble
        self.modes = modes
        inputs = model.inputs
        target = config.target.group + ".open"
        window = model.window
        horizon = model.horizon
        hidden = model.hidden
        dense = model.dense
        epochs = model.epochs
        batch = model.batch
        learningRate = model.learningRate
        seed = model.seed
        patience = model.patience
        levels = model.intervals
        driftWindow = model.window
    }

    /// The trainer every retraining uses (the members' seeds are derived from `seed`).
    public var trainer: Trainer {
        Trainer(
            hidden: hidden, dense: dense,
            options: TrainingOptions(
                epochs: epochs, batchSize: batch, learningRate: learningRate, seed: seed, patience: patience))
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
        guard Set(modes).count == modes.count else { throw invalid("modes", modes, "lists a mode twice") }
        for level in levels where !(level > 0 && level < 1) { throw ForecastError.invalidLevel(level) }
    }
}
