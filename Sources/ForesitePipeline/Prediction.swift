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
        let forecast = try forecast(
            with: bundle, frame: frame, madeOn: today, targetGroup: workspace.config.target.group)
        if let stored = try store.ledger.forecast(madeOn: today),
            stored.modelVersion != forecast.modelVersion || stored.inputHash != forecast.inputHash
        {
            return Report(forecast: stored, append: .alreadyRecorded, notRecorded: forecast)
        }
        let append = try store.write(command: "predict") { writer in try writer.append(forecast) }
        return Report(forecast: forecast, append: append, notRecorded: nil)
    }

    /// The bundle's averaged forecast from the newest day of `frame`. Pure, so the backtest and the
    /// no-look-ahead tests can call it with a frame cut at any origin.
    public static func forecast(
        with bundle: ModelBundle, frame: FeatureFrame, madeOn: Day, targetGroup: String
    ) throws -> LedgerForecast {
        let lead = bundle.lead
        let window = try frame.latestWindow(length: lead.architecture.window, columns: lead.inputs)
        let models = try bundle.models()
        let points = try Training.averagedForecasts(models, windows: [window.rows])[0]
        let targetIndex = try frame.index(of: lead.target)
        let naive = frame.rows[frame.rows.count - 1][targetIndex]
        let windowDays = Array(frame.days.suffix(lead.architecture.window))
        let steps = points.enumerated().map { offset, point in
            LedgerForecast.Step(
                horizon: offset + 1, targetDay: window.lastDay.adding(days: offset + 1), point: point,
                intervals: bundle.calibration.intervals(around: point, horizon: offset + 1))
        }
        return LedgerForecast(
            madeOn: madeOn, origin: window.lastDay, targetGroup: targetGroup, modelVersion: bundle.version,
            inputHash: WindowFingerprint.of(days: windowDays, rows: window.rows), naive: naive, steps: steps)
    }
}
