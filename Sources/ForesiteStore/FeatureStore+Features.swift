import ForesiteCore

extension FeatureStore {
    /// The stored feature groups: price groups first, then Fear & Greed.
    public func groups() throws -> [FeatureGroup] {
        try read("read feature groups") { db in try GroupTable.all(in: db) }
    }

    /// Candles of `group` from `from` to `to` inclusive (nil = unbounded), oldest first, incomplete days included.
    public func candles(group: String, from: Day? = nil, to: Day? = nil) throws -> [Candle] {
        try read("read \(group)") { db in try FeatureReads.candles(group: group, from: from, to: to, in: db) }
    }

    /// Fear & Greed readings from `from` to `to` inclusive (nil = unbounded), oldest first.
    public func fearGreed(from: Day? = nil, to: Day? = nil) throws -> [FearGreedReading] {
        try read("read \(Config.fearGreedGroup)") { db in try FeatureReads.fearGreed(from: from, to: to, in: db) }
    }

    /// Rows of the generic (CSV) group `group` from `from` to `to` inclusive (nil = unbounded), oldest first,
    /// incomplete days included.
    public func values(group: String, from: Day? = nil, to: Day? = nil) throws -> [DailyValues] {
        try read("read \(group)") { db in try FeatureReads.values(group: group, from: from, to: to, in: db) }
    }

    /// The latest complete day of `group` (for Fear & Greed, every stored day is complete); nil when empty.
    /// `foresite update` fetches from the day after it.
    public func lastCompleteDay(group: String) throws -> Day? {
        try read("read \(group)") { db in try FeatureReads.lastCompleteDay(group: group, in: db) }
    }

    /// Stored days of `group` that had not closed when fetched, oldest first: `foresite update` fetches
    /// them again.
    public func incompleteDays(group: String) throws -> [Day] {
        try read("read \(group)") { db in try FeatureReads.incompleteDays(group: group, in: db) }
    }

    /// Rows, range, gaps, incomplete days and freshness of every group, judged against `today`.
    public func summaries(today: Day) throws -> [GroupSummary] {
        try read("summarise feature groups") { db in
            let updates = try RunLog.lastUpdates(in: db)
            let rejected = try RunLog.rejectionCounts(in: db)
            return try GroupTable.all(in: db).map { group in
                // A cursor read by position: this scans every stored day of every group on each build.
                var days: [Day] = []
                var incomplete: [Day] = []
                for (day, complete) in try FeatureReads.days(group: group.name, in: db) {
                    days.append(day)
                    if !complete { incomplete.append(day) }
                }
                var missing: [Day] = []
                for (previous, next) in zip(days, days.dropFirst()) where next.days(since: previous) > 1 {
                    missing += (1..<next.days(since: previous)).map { previous.adding(days: $0) }
                }
                let lastComplete = days.last { !incomplete.contains($0) }
                return GroupSummary(
                    group: group, rows: days.count, firstDay: days.first, lastDay: days.last,
                    lastCompleteDay: lastComplete, missingDays: missing, incompleteDays: incomplete,
                    lastUpdate: updates[group.name],
                    daysBehind: lastComplete.map { max(0, today.adding(days: -1).days(since: $0)) },
                    rejectedRows: rejected[group.name] ?? 0)
            }
        }
    }

    /// The latest `limit` runs of any command, newest first.
    public func recentRuns(limit: Int = 10) throws -> [RunRecord] {
        try read("read run log") { db in try RunLog.recent(limit: limit, in: db) }
    }

    /// Rejected rows, newest run first; only those of run `runID` when given.
    public func rejections(runID: Int64? = nil, limit: Int = 1000) throws -> [Rejection] {
        try read("read rejections") { db in try RunLog.rejections(runID: runID, limit: limit, in: db) }
    }

    /// A fingerprint of every feature, ledger, registry and backtest row (not the run log, which records
    /// each attempt): equal hashes mean equal content, so idempotency and crash tests compare two numbers.
    public func contentHash() throws -> String {
        try read("hash content") { db in try ContentHash.compute(in: db) }
    }
}
