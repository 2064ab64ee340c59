import ForesiteCore
import Foundation

extension SiteContent {
    /// The skill table of `entries` whose actual and persistence forecast are known, or nil when none is:
    /// the model and persistence scored on exactly the same origins and horizons.
    static func skillTable(model: String, entries: [LedgerEntry]) -> SkillTable? {
        var scores: [ScoredForecast] = []
        var baseline: [ScoredForecast] = []
        for entry in entries {
            guard let actual = entry.actual, let persistence = entry.persistence else { continue }
            scores.append(
                ScoredForecast(origin: entry.origin, horizon: entry.horizon, forecast: entry.forecast, actual: actual))
            baseline.append(
                ScoredForecast(origin: entry.origin, horizon: entry.horizon, forecast: persistence, actual: actual))
        }
        guard let from = scores.map(\.origin).min(), let to = scores.map(\.origin).max() else { return nil }
        let table = SkillComparison.table(model: scores, baseline: baseline)
        return SkillTable(model: model, from: from, to: to, horizons: table.horizons, overall: table.overall)
    }

    /// Every synthetic model's forecast of each origin and horizon, with persistence's beside it and the
    /// actual when the target day is on or before `asOf`; by model, in origin then horizon order.
    static func syntheticForecasts(
        market: SyntheticForecasts, origins: [Day], horizons: ClosedRange<Int>, asOf: Day,
        generator: inout SeededGenerator
    ) -> [ModelID: [LedgerEntry]] {
        var byModel: [ModelID: [LedgerEntry]] = [:]
        for origin in origins {
            guard let reference = market.close(origin) else { continue }
            for horizon in horizons {
                let target = origin.adding(days: horizon)
                let persistence = market.persistence(origin: origin, horizon: horizon)
                var members: [QuantileForecast] = []
                for model in syntheticModelIDs {
                    let forecast: QuantileForecast?
                    switch model.rawValue {
                    case "persistence": forecast = persistence
                    case "drift": forecast = market.drift(origin: origin, horizon: horizon)
                    case "lstm":
                        forecast = market.model(
                            origin: origin, horizon: horizon, wobble: 0.008, spread: 0.036, generator: &generator)
                    case "garch": forecast = market.volatilityScaled(origin: origin, horizon: horizon)
                    case "quantile-ar": forecast = market.informed(origin: origin, horizon: horizon, weight: 0.2)
                    default: forecast = SyntheticForecasts.medianEnsemble(members)
                    }
                    guard let forecast else { continue }
                    if model != .persistence && model != "ensemble" { members.append(forecast) }
                    byModel[model, default: []].append(
                        LedgerEntry(
                            madeOn: origin, origin: origin, targetDay: target, horizon: horizon, model: model.rawValue,
                            modelVersion: syntheticVersion(model), forecast: forecast, persistence: persistence,
                            actual: target <= asOf ? market.close(target) : nil, referencePrice: reference))
                }
            }
        }
        return byModel
    }

    /// The ledger rows of every model, per origin (models in catalog order, each by horizon, then the
    /// "published" rows repeating the published model's forecast), chained from the genesis hash.
    static func syntheticRecords(_ byModel: [ModelID: [LedgerEntry]], publication: Publication) -> [LedgerRecord] {
        var rows: [LedgerRecord] = []
        let byOrigin = Dictionary(grouping: syntheticModelIDs.flatMap { byModel[$0] ?? [] }, by: \.origin)
        for origin in byOrigin.keys.sorted() {
            let inputHash = SHA256.hex("synthetic inputs through \(origin.iso)")
            func record(_ entry: LedgerEntry, model: String, version: String) -> LedgerRecord {
                LedgerRecord(
                    madeOn: entry.madeOn, model: model, modelVersion: version, targetGroup: "solana", field: "close",
                    origin: origin, horizon: entry.horizon, targetDay: entry.targetDay,
                    reference: entry.reference ?? .nan, forecast: entry.forecast, inputHash: inputHash)
            }
            let entries = byOrigin[origin]!
            rows += entries.map { record($0, model: $0.model, version: $0.modelVersion) }
            let published = publication.history[origin] ?? publication.model
            rows += entries.filter { $0.model == published.rawValue }.map {
                record($0, model: ModelID.published.rawValue, version: "\(published) \($0.modelVersion)")
            }
        }
        var previous = LedgerRecord.genesis
        return rows.map { row in
            let chained = row.chained(after: previous)
            previous = chained.hash
            return chained
        }
    }

    /// Origins a synthetic backtest scores at most (the five-year benchmark would otherwise spend its
    /// time here rather than in the build it measures).
    static let backtestOrigins = 240

    /// A walk-forward backtest of every synthetic model against persistence, over the origins whose
    /// 10-day actuals are known.
    static func syntheticBacktest(
        market: SyntheticForecasts, asOf: Day, horizons: ClosedRange<Int>, generator: inout SeededGenerator
    ) -> BacktestSummary? {
        let last = asOf.adding(days: -horizons.upperBound)
        let origins = (0..<backtestOrigins).map { last.adding(days: -backtestOrigins + 1 + $0) }
            .filter { market.canForecast(origin: $0, horizon: horizons.upperBound) }
        guard let from = origins.first else { return nil }
        let byModel = syntheticForecasts(
            market: market, origins: origins, horizons: horizons, asOf: asOf, generator: &generator)
        let tables = syntheticModelIDs.filter { $0 != .persistence }.compactMap { model in
            byModel[model].flatMap { skillTable(model: model.rawValue, entries: $0) }
        }
        return BacktestSummary(
            from: from, to: origins.last!,
            settings: [
                Setting("Origins", "\(origins.count) days, one forecast of horizons 1–\(horizons.upperBound) each"),
                Setting("Retrain every", "30 days"),
                Setting("Persistence quantiles", "h-day log changes of the trailing \(SyntheticForecasts.window) days"),
            ],
            tables: tables)
    }
}
