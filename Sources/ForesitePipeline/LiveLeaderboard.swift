import ForesiteCore
import ForesiteForecast
import ForesiteSite
import ForesiteStore

/// What the site shows of the ledger's many models: the leaderboards over trailing windows, which model
/// was published each day and why, and every day's forecasts for the archive.
struct LiveLeaderboard {
    /// The windows of the leaderboard pages, in days (nil = all).
    static let windows: [(id: String, label: String, days: Int?)] = [
        ("all", "all", nil), ("90", "last 90 days", 90), ("30", "last 30 days", 30),
    ]

    let scores: LiveScores
    /// The last complete day: windows end here.
    let asOf: Day

    /// Every model in the ledger against persistence per window, best overall relative WIS first.
    func leaderboards() -> [SiteContent.LeaderboardWindow] {
        let models = Set(scores.forecasts.map(\.model)).subtracting([ModelID.persistence, .published]).sorted()
        return Self.windows.map { window in
            let first = window.days.map { asOf.adding(days: -$0) }
            let baseline = scores.baseline(originsFrom: first)
            let tables = models.compactMap { model in
                scores.skillTable(of: model, originsFrom: first, baseline: baseline)
            }.sorted { ($0.overall.relativeWIS, $0.model) < ($1.overall.relativeWIS, $1.model) }
            return SiteContent.LeaderboardWindow(id: window.id, label: window.label, days: window.days, tables: tables)
        }
    }

    /// The newest published choice, in one plain sentence, and the published model of every day.
    func publication(windowDays: Int) -> SiteContent.Publication? {
        let published = scores.forecasts.filter { $0.model == .published }
        guard let latest = published.last else { return nil }
        var history: [Day: ModelID] = [:]
        for forecast in published {
            history[forecast.madeOn] = ModelID(ModelSelection.Choice.label(ofLedgerVersion: forecast.modelVersion))
        }
        let label = ModelSelection.Choice.label(ofLedgerVersion: latest.modelVersion)
        let evidence = latest.modelVersion.dropFirst(label.count).drop { $0 == ":" || $0 == " " }
        let isPersistence = label == ModelID.persistence.rawValue
        let sentence =
            isPersistence
            ? "No model has beaten persistence over the last \(windowDays) days, so the published forecast is "
                + "persistence's (\(evidence.replacingOccurrences(of: "persistence: ", with: "")))."
            : "The published forecast is \(label)'s: the lowest relative WIS among the models a Diebold–Mariano "
                + "test finds better than persistence over the last \(windowDays) days (\(evidence))."
        return SiteContent.Publication(
            model: ModelID(label), isPersistence: isPersistence, sentence: sentence, history: history)
    }

    /// Every day made, with each model's forecast of it and the actuals known so far.
    func archive(order: [ModelID]) -> [SiteContent.ArchiveDay] {
        let rank = Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0) })
        // Each day's forecasts are a run of the ledger's, which come in day order: found as ranges, without
        // hashing or copying a year of forecasts into groups.
        var all = scores.forecasts
        all.sortIfNeeded { $0.madeOn < $1.madeOn }
        var days: [Range<Int>] = []
        var start = all.startIndex
        while start < all.endIndex {
            let day = all[start].madeOn
            var end = start + 1
            while end < all.endIndex && all[end].madeOn == day { end += 1 }
            days.append(start..<end)
            start = end
        }
        return days.map { range in
            let forecasts = all[range]
            let first = forecasts[range.lowerBound]
            let published = forecasts.first { $0.model == .published }
            // Each model's rank looked up once, not in every comparison of the sort.
            let models = forecasts.filter { $0.model != .published }.map {
                (rank: rank[$0.model] ?? .max, forecast: $0)
            }
            .sorted { ($0.rank, $0.forecast.model) < ($1.rank, $1.forecast.model) }.map(\.forecast)
            var actuals: [Day: Double] = [:]
            for forecast in forecasts {
                for step in forecast.steps {
                    if let actual = scores.actuals.value(field: forecast.field, on: step.targetDay) {
                        actuals[step.targetDay] = actual
                    }
                }
            }
            return SiteContent.ArchiveDay(
                madeOn: first.madeOn, origin: first.origin, reference: first.reference,
                published: published.map { ModelID(ModelSelection.Choice.label(ofLedgerVersion: $0.modelVersion)) },
                forecasts: models, actuals: actuals)
        }
    }
}
