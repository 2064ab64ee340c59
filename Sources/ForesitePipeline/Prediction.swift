import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteStore
import Foundation

/// `foresite predict`: from the last complete day, the champion LSTM's quantile forecast of the next
/// `horizon` days and persistence's, both appended to the ledger (once per day and model; the first
/// forecast of a day stands).
public enum Prediction {
    public struct Report: Sendable {
        /// The published model's forecast (the LSTM's).
        public var forecast: LedgerForecast
        /// Persistence's forecast of the same days, the reference every score is relative to.
        public var persistence: LedgerForecast
        public var append: LedgerAppend
        /// Set when today's ledger entry came from another model or other inputs: the first forecast of a
        /// day stands, and this is the forecast that was not recorded.
        public var notRecorded: LedgerForecast?
    }

    public static func run(_ workspace: Workspace, store: FeatureStore) throws -> Report {
        guard let champion = try store.registry.champion() else { throw PipelineError.noChampion }
        let bundle = try ModelBundle.read(
            from: workspace.url(champion.artifactPath), expectingSHA256: champion.artifactSHA256)
        let today = workspace.today
        let frame = try FeatureFrameLoader.load(workspace, from: store, through: today.adding(days: -1))
        guard let origin = frame.days.last else {
            throw PipelineError.staleData(group: workspace.config.target.group, lastDay: nil, today: today)
        }
        let config = workspace.config
        let made = try bundle.forecaster().forecast(frame: frame, origin: origin, madeOn: today)
        let persistence = try BaselineForecast.persistence(
            frame: frame, origin: origin, madeOn: today, config: config)
        let forecast = ledgerForecast(made, reference: persistence.reference, config: config)

        var notRecorded: LedgerForecast?
        let append = try store.write(command: "predict") { writer in
            var result = LedgerAppend.alreadyRecorded
            for candidate in [forecast, persistence] {
                // The first forecast of a day stands: a rerun with a new champion or corrected data is
                // reported, not recorded.
                if let stored = try writer.forecast(madeOn: today, model: candidate.model),
                    stored.modelVersion != candidate.modelVersion || stored.inputHash != candidate.inputHash
                {
                    if candidate.model == forecast.model { notRecorded = candidate }
                    continue
                }
                if try writer.append(candidate) == .appended { result = .appended }
            }
            return result
        }
        let recorded = try store.ledger.forecast(madeOn: today, model: forecast.model) ?? forecast
        let recordedPersistence = try store.ledger.forecast(madeOn: today, model: persistence.model) ?? persistence
        return Report(
            forecast: recorded, persistence: recordedPersistence, append: append, notRecorded: notRecorded)
    }

    /// The ledger row for the LSTM's forecast: its point is the median (the conformal intervals are
    /// symmetric around it on the log scale), its intervals give the other six quantiles.
    static func ledgerForecast(_ forecast: Forecast, reference: Double, config: Config) -> LedgerForecast {
        LedgerForecast(
            madeOn: forecast.madeOn, origin: forecast.origin, targetGroup: config.target.group,
            field: config.targetField.rawValue, model: ModelID.lstm.rawValue, modelVersion: forecast.modelVersion,
            inputHash: forecast.inputWindowHash, reference: reference,
            steps: forecast.steps.map { step in
                LedgerForecast.Step(
                    horizon: step.horizon, targetDay: step.targetDay,
                    forecast: QuantileForecast(median: step.point, intervals: step.intervals))
            })
    }
}
