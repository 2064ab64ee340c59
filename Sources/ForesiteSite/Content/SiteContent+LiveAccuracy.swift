extension SiteContent.HorizonAccuracy {
    /// Accuracy per horizon of the ledger entries whose actual is known: MAE of the model and of the naive
    /// forecast on exactly the same entries, and the share of actuals inside each interval.
    public static func measure(_ ledger: [SiteContent.LedgerEntry]) -> [SiteContent.HorizonAccuracy] {
        let known = ledger.filter { $0.actual?.isFinite == true }
        let horizons = Array(Set(known.map(\.horizon))).sorted()
        return horizons.map { horizon in
            let entries = known.filter { $0.horizon == horizon }
            let count = Double(entries.count)
            let modelMAE = entries.reduce(0) { $0 + abs($1.point - $1.actual!) } / count
            let naiveMAE = entries.reduce(0) { $0 + abs($1.naive - $1.actual!) } / count
            let levels = Array(Set(entries.flatMap { $0.intervals.map(\.level) })).sorted()
            let coverage = levels.map { level in
                let withLevel = entries.compactMap { entry in entry.interval(level).map { (entry.actual!, $0) } }
                let inside = withLevel.filter { actual, interval in actual >= interval.lower && actual <= interval.upper
                }
                return SiteContent.Coverage(
                    level: level, observed: withLevel.isEmpty ? .nan : Double(inside.count) / Double(withLevel.count))
            }
            return SiteContent.HorizonAccuracy(
                horizon: horizon, count: entries.count, modelMAE: modelMAE, naiveMAE: naiveMAE, coverage: coverage)
        }
    }
}
