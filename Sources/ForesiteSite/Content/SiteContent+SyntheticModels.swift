import ForesiteCore
import Foundation

extension SiteContent {
    /// The synthetic site's models in catalog order: persistence first, the median ensemble last.
    static let syntheticModelIDs: [ModelID] = ["persistence", "drift", "lstm", "garch", "quantile-ar", "ensemble"]

    static func syntheticVersion(_ model: ModelID) -> String { model == .lstm ? "v2" : "1" }

    /// What each synthetic model's page says about it, in the words of `config`'s target
    /// (`Config.targetWording`); the LSTM carries the registry versions.
    static func syntheticSummaries(config: Config, versions: [ModelVersion]) -> [ModelSummary] {
        let target = config.referenceColumn
        let wording = config.targetWording
        return [
            ModelSummary(
                id: .persistence, title: "Persistence",
                method:
                    "The latest known \(wording.observation) as the median of every horizon; quantiles from the "
                    + "past h-day log changes over a trailing window, mirrored so the median stays at that "
                    + "\(wording.observation). The reference every other model is scored against.",
                inputs: [target], parameters: [Setting("window", "\(SyntheticForecasts.window) days")], enabled: true),
            ModelSummary(
                id: "drift", title: "Drift",
                method:
                    "Persistence moved by the trailing window's mean daily log change times the horizon, with "
                    + "persistence's spread around it.",
                inputs: [target], parameters: [Setting("window", "\(SyntheticForecasts.window) days")], enabled: true),
            ModelSummary(
                id: .lstm, title: "LSTM (returns)",
                method:
                    "A small LSTM network predicts the \(wording.logReturns) of the next days from the last window of "
                    + "inputs; conformal intervals from its past errors give the quantiles.",
                inputs: config.model.inputs,
                parameters: [
                    Setting("window", "\(config.model.window)"), Setting("hidden", "\(config.model.hidden)"),
                    Setting("epochs", "\(config.model.epochs)"),
                ], enabled: true, versions: versions),
            ModelSummary(
                id: "garch", title: "GARCH(1,1) persistence",
                method:
                    "The latest \(wording.observation) as the median; normal quantiles of the \(wording.logValue) "
                    + "whose scale follows "
                    + "recent volatility, so intervals widen after large moves and narrow in calm periods.",
                inputs: [target], parameters: [Setting("volatility window", "20 days")], enabled: true),
            ModelSummary(
                id: "quantile-ar", title: "Quantile autoregression",
                method:
                    "One linear model per quantile on lagged daily \(wording.logReturns), fitted by pinball loss, with "
                    + "crossing quantiles sorted. (In this demo a stand-in that is allowed to peek.)",
                inputs: [target, "bitcoin.close"], parameters: [Setting("lags", "5")], enabled: true),
            ModelSummary(
                id: "ensemble", title: "Median ensemble",
                method:
                    "The per-quantile median of the other models' forecasts (persistence left out), as the "
                    + "forecast hubs build theirs.",
                inputs: ["the other models' forecasts"], parameters: [Setting("members", "4")], enabled: true),
        ]
    }

    /// Every model but persistence against persistence over the last 30 and 90 days and all of the ledger.
    static func syntheticLeaderboards(_ byModel: [ModelID: [LedgerEntry]], asOf: Day) -> [LeaderboardWindow] {
        [(id: "30", label: "last 30 days", days: 30), (id: "90", label: "last 90 days", days: 90)].map {
            window(byModel, asOf: asOf, id: $0.id, label: $0.label, days: $0.days)
        } + [window(byModel, asOf: asOf, id: "all", label: "all", days: nil)]
    }

    private static func window(
        _ byModel: [ModelID: [LedgerEntry]], asOf: Day, id: String, label: String, days: Int?
    ) -> LeaderboardWindow {
        let first = days.map { asOf.adding(days: -$0 + 1) }
        let tables = syntheticModelIDs.filter { $0 != .persistence }.compactMap { model in
            skillTable(
                model: model.rawValue, entries: (byModel[model] ?? []).filter { $0.origin >= first ?? $0.origin })
        }
        let sorted = tables.sorted {
            let (left, right) = ($0.overall.relativeWIS, $1.overall.relativeWIS)
            if left.isFinite != right.isFinite { return left.isFinite }
            return left != right && left.isFinite ? left < right : $0.model < $1.model
        }
        return LeaderboardWindow(id: id, label: label, days: days, tables: sorted)
    }

    /// The 90-day leader when it is better than persistence, else persistence; the first third of the
    /// origins published persistence (the selection had too little evidence then).
    static func syntheticPublication(_ leaderboards: [LeaderboardWindow], origins: [Day]) -> Publication {
        let leader = leaderboards.first { $0.id == "90" }?.tables.first
        let model: ModelID
        let sentence: String
        if let leader, leader.overall.verdict == .better {
            model = ModelID(leader.model)
            sentence =
                "Published: \(leader.model), the lowest relative WIS (\(SkillWording.relative(leader.overall.relativeWIS)), "
                + "better than persistence) over the last 90 days."
        } else {
            model = .persistence
            sentence =
                "No model has beaten persistence over the last 90 days, so the published forecast is persistence's."
        }
        var history: [Day: ModelID] = [:]
        for (index, origin) in origins.enumerated() {
            history[origin] = index < origins.count / 3 ? .persistence : model
        }
        return Publication(model: model, isPersistence: model == .persistence, sentence: sentence, history: history)
    }

    /// `entries` (one model's steps made at one origin) as the ledger would give them back: the synthetic
    /// ledger's target group and input hash (`syntheticRecords`).
    static func syntheticIssued(
        _ model: ModelID, version: String, origin: Day, reference: Double, entries: [LedgerEntry]
    ) -> IssuedForecast {
        IssuedForecast(
            model: model, modelVersion: version, madeOn: origin, origin: origin,
            targetGroup: "solana", field: "close", reference: reference,
            inputHash: SHA256.hex("synthetic inputs through \(origin.iso)"),
            steps: entries.map {
                IssuedForecast.Step(horizon: $0.horizon, targetDay: $0.targetDay, forecast: $0.forecast)
            })
    }

    /// One archive day per origin with every model's forecast and the actuals known by `asOf`.
    static func syntheticArchive(
        _ byModel: [ModelID: [LedgerEntry]], publication: Publication, market: SyntheticForecasts, asOf: Day
    ) -> [ArchiveDay] {
        let byOrigin = Dictionary(grouping: syntheticModelIDs.flatMap { byModel[$0] ?? [] }, by: \.origin)
        return byOrigin.keys.sorted().map { origin in
            let entries = byOrigin[origin]!
            let forecasts = syntheticModelIDs.compactMap { model -> IssuedForecast? in
                let issued = syntheticIssued(
                    model, version: syntheticVersion(model), origin: origin, reference: market.close(origin) ?? .nan,
                    entries: entries.filter { $0.model == model.rawValue })
                return issued.steps.isEmpty ? nil : issued
            }
            var actuals: [Day: Double] = [:]
            for entry in entries { if let actual = entry.actual { actuals[entry.targetDay] = actual } }
            return ArchiveDay(
                madeOn: origin, origin: origin, reference: market.close(origin) ?? .nan,
                published: publication.history[origin], forecasts: forecasts, actuals: actuals)
        }
    }
}
