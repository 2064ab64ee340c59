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

    /// The ledger rows the published model and persistence wrote, per origin (model first, then
    /// persistence, each by horizon), chained from the genesis hash.
    static func syntheticRecords(_ ledger: [LedgerEntry]) -> [LedgerRecord] {
        var rows: [LedgerRecord] = []
        let byOrigin = Dictionary(grouping: ledger, by: \.origin)
        for origin in byOrigin.keys.sorted() {
            let entries = byOrigin[origin]!.sorted { $0.horizon < $1.horizon }
            let inputHash = SHA256.hex("synthetic inputs through \(origin.iso)")
            func record(_ entry: LedgerEntry, model: String, version: String, forecast: QuantileForecast)
                -> LedgerRecord
            {
                LedgerRecord(
                    madeOn: entry.madeOn, model: model, modelVersion: version, targetGroup: "solana", field: "close",
                    origin: origin, horizon: entry.horizon, targetDay: entry.targetDay,
                    reference: entry.reference ?? .nan, forecast: forecast, inputHash: inputHash)
            }
            rows += entries.map { record($0, model: $0.model, version: $0.modelVersion, forecast: $0.forecast) }
            rows += entries.compactMap { entry in
                entry.persistence.map { record(entry, model: "persistence", version: "1", forecast: $0) }
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

    /// A walk-forward backtest of two stand-in LSTM variants and drift against persistence, over the
    /// origins whose 10-day actuals are known.
    static func syntheticBacktest(
        market: SyntheticForecasts, asOf: Day, horizons: ClosedRange<Int>, generator: inout SeededGenerator
    ) -> BacktestSummary? {
        let last = asOf.adding(days: -horizons.upperBound)
        let origins = (0..<backtestOrigins).map { last.adding(days: -backtestOrigins + 1 + $0) }
            .filter { market.canForecast(origin: $0, horizon: horizons.upperBound) }
        guard let from = origins.first else { return nil }
        // (name, wobble, spread): "lstm-seed" is the overconfident original, the others are honest.
        let variants: [(name: String, wobble: Double, spread: Double)] = [
            ("lstm", 0.008, 0.036), ("lstm-seed", 0.02, 0.02),
        ]
        var entries: [String: [LedgerEntry]] = [:]
        for origin in origins {
            for horizon in horizons {
                let target = origin.adding(days: horizon)
                guard let persistence = market.persistence(origin: origin, horizon: horizon) else { continue }
                func entry(_ model: String, _ forecast: QuantileForecast) -> LedgerEntry {
                    LedgerEntry(
                        madeOn: origin, origin: origin, targetDay: target, horizon: horizon, model: model,
                        modelVersion: "backtest", forecast: forecast, persistence: persistence,
                        actual: market.close(target))
                }
                for variant in variants {
                    if let forecast = market.model(
                        origin: origin, horizon: horizon, wobble: variant.wobble, spread: variant.spread,
                        generator: &generator)
                    {
                        entries[variant.name, default: []].append(entry(variant.name, forecast))
                    }
                }
                if let drift = market.drift(origin: origin, horizon: horizon) {
                    entries["drift", default: []].append(entry("drift", drift))
                }
            }
        }
        let tables = (variants.map(\.name) + ["drift"]).compactMap { name in
            entries[name].flatMap { skillTable(model: name, entries: $0) }
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
