import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteStore
import Foundation

/// `foresite predict`: the champion's forecast of the next `horizon` opens from the last complete day,
/// with conformal intervals, appended to the ledger (once per day; the first forecast of a day stands).
public enum Prediction {
    public struct Report: Sendable {
        public var forecast: LedgerForecast
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
        let made = try bundle.forecaster().forecast(frame: frame, origin: origin, madeOn: today)
        let forecast = ledgerForecast(made, targetGroup: workspace.config.target.group)
        if let stored = try store.ledger.forecast(madeOn: today),
            stored.modelVersion != forecast.modelVersion || stored.inputHash != forecast.inputHash
        {
            return Report(forecast: stored, append: .alreadyRecorded, notRecorded: forecast)
        }
        let append = try store.write(command: "predict") { writer in try writer.append(forecast) }
        return Report(forecast: forecast, append: append, notRecorded: nil)
    }

    /// The ledger row for a forecast.
    static func ledgerForecast(_ forecast: Forecast, targetGroup: String) -> LedgerForecast {
        LedgerForecast(
            madeOn: forecast.madeOn, origin: forecast.origin, targetGroup: targetGroup,
            modelVersion: forecast.modelVersion, inputHash: forecast.inputWindowHash,
            naive: forecast.steps.first?.naive ?? 0,
            steps: forecast.steps.map { step in
                LedgerForecast.Step(
                    horizon: step.horizon, targetDay: step.targetDay, point: step.point, intervals: step.intervals)
            })
    }
}
