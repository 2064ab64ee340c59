import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteStore

/// The baselines' ledger forecasts, made from the same frame as the model's.
enum BaselineForecast {
    /// Persistence at `origin`: median = the target's close there, quantiles from the trailing
    /// `Persistence.defaultWindow` days' h-day changes (see `Persistence`).
    static func persistence(frame: FeatureFrame, origin: Day, madeOn: Day, config: Config) throws -> LedgerForecast {
        let history = frame.prefix(through: origin)
        guard let originIndex = history.rowIndex(of: origin) else {
            throw PipelineError.staleData(group: config.target.group, lastDay: history.days.last, today: madeOn)
        }
        let reference = try history.values(of: config.referenceColumn)
        let target = try history.values(of: config.targetColumn)
        let method = Persistence(levels: Set(QuantileForecast.standardLevels + config.model.intervals).sorted())
        let forecasts = try method.forecast(
            days: history.days, reference: reference, target: target, origin: originIndex,
            horizon: config.model.horizon)
        let first = max(0, originIndex + 1 - method.window - config.model.horizon)
        let used = Array(first...originIndex)
        return LedgerForecast(
            madeOn: madeOn, origin: origin, targetGroup: config.target.group, field: config.targetField.rawValue,
            model: ModelID.persistence.rawValue, modelVersion: "persistence(window \(method.window))",
            inputHash: WindowFingerprint.of(
                days: used.map { history.days[$0] }, rows: used.map { [reference[$0], target[$0]] }),
            reference: reference[originIndex],
            steps: forecasts.enumerated().map { index, forecast in
                LedgerForecast.Step(horizon: index + 1, targetDay: origin.adding(days: index + 1), forecast: forecast)
            })
    }
}
