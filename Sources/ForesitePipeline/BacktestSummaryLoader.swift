import ForesiteCore
import ForesiteSite
import ForesiteStore
import Foundation

/// The accuracy page's backtest section from the stored backtest: every model against persistence on
/// the same origins and horizons, scored by the one scorer (`SkillComparison`).
enum BacktestSummaryLoader {
    /// The reference model's name in the archive.
    static let reference = "persistence"

    /// Settings shown as-is, then one skill table per model other than persistence, the lowest overall
    /// relative WIS first (ties by name).
    ///
    /// A model with no forecast paired with persistence's (an archive from before persistence existed)
    /// gets no table rather than an empty one.
    static func backtestSummary(_ record: BacktestRecord) -> SiteContent.BacktestSummary {
        let stored = StoredSettings(json: record.settingsJSON)
        let baseline = record.scores(for: reference)
        let baselineKeys = Set(baseline.map(\.key))
        let tables = record.models.filter { $0 != reference }
            .compactMap { model -> SiteContent.SkillTable? in
                let scores = record.scores(for: model)
                let paired = scores.filter { baselineKeys.contains($0.key) }
                guard let from = paired.map(\.origin).min(), let to = paired.map(\.origin).max() else { return nil }
                let (horizons, overall) = SkillComparison.table(model: scores, baseline: baseline)
                return SiteContent.SkillTable(model: model, from: from, to: to, horizons: horizons, overall: overall)
            }
            .sorted { ($0.overall.relativeWIS, $0.model) < ($1.overall.relativeWIS, $1.model) }
        var settings = [
            SiteContent.Setting("origins", "\(Set(record.forecasts.map(\.origin)).count)"),
            SiteContent.Setting("retrain every", "\(record.retrainEvery) days"),
            SiteContent.Setting("ensemble", "\(record.ensemble)"),
        ]
        if let target = stored.target { settings.append(SiteContent.Setting("target", target)) }
        if let levels = stored.levels, !levels.isEmpty {
            settings.append(
                SiteContent.Setting(
                    "intervals", levels.map { String(format: "%.0f %%", $0 * 100) }.joined(separator: ", ")))
        }
        if let window = stored.persistenceWindow {
            settings.append(SiteContent.Setting("persistence window", "\(window) days of past changes"))
        }
        return SiteContent.BacktestSummary(from: record.fromDay, to: record.toDay, settings: settings, tables: tables)
    }

    /// The few fields of the stored `BacktestSettings` JSON the page shows; each optional, so an archive
    /// written by an older version still loads.
    struct StoredSettings: Decodable {
        var target: String?
        var levels: [Double]?
        var persistenceWindow: Int?

        init(json: String) {
            self = (try? JSONDecoder().decode(Self.self, from: Data(json.utf8))) ?? Self()
        }

        private init() {}
    }
}
