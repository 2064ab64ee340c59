import ForesiteCore

/// The writes one command may make, all inside the transaction `FeatureStore.write(command:_:)` opened.
///
/// It is handed to the command's closure and must not escape it. It accumulates what each upsert did per
/// group so the run log records inserted / updated / unchanged / rejected counts for lineage.
public final class StoreWriter {
    let db: Database
    let runID: Int64
    /// The rules rows are checked against, with the store clock's `today`.
    public let validator: RowValidator
    private var changes: [UpsertSummary] = []
    private var notes: [String] = []

    init(db: Database, command: String, startedAt: String, validator: RowValidator) throws {
        self.db = db
        self.validator = validator
        runID = try RunLog.start(command: command, startedAt: startedAt, in: db)
    }

    /// The current UTC day as the store sees it.
    public var today: Day { validator.today }

    /// Adds a line to the run's message (shown by `foresite status` and the data-quality page).
    public func note(_ message: String) {
        notes.append(message)
    }

    /// Creates missing feature groups for `config` inside this command's transaction.
    public func syncGroups(_ config: Config) throws {
        try GroupTable.sync(FeatureGroup.all(for: config), in: db)
    }

    /// Validates and stores daily candles of the price group `group`.
    ///
    /// Rejected rows are skipped and reported (and logged). A new day is inserted; a stored incomplete day
    /// is replaced; a stored complete day is updated only when a complete fetch brings different values,
    /// and never downgraded by an incomplete one. The first of two different rows for one day in a batch wins.
    public func upsert(_ candles: [Candle], into group: String) throws -> UpsertSummary {
        try requireGroup(group, kind: .candle)
        let (accepted, summary) = screen(candles, group: group, day: \.day, problem: validator.problem(with:))
        let stored = try FeatureReads.candles(group: group, from: accepted.first?.day, to: accepted.last?.day, in: db)
        let storedByDay = Dictionary(uniqueKeysWithValues: stored.map { ($0.day, $0) })
        var result = summary
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO candle (group_name, day, open, high, low, close, volume, volume_buy, volume_sell, complete)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (group_name, day) DO UPDATE SET open = excluded.open, high = excluded.high,
                    low = excluded.low, close = excluded.close, volume = excluded.volume,
                    volume_buy = excluded.volume_buy, volume_sell = excluded.volume_sell, complete = excluded.complete
                """)
        for candle in accepted {
            if let old = storedByDay[candle.day] {
                if old == candle || (old.complete && !candle.complete) {
                    result.unchanged += 1
                    continue
                }
                result.updated += 1
            } else {
                result.inserted += 1
            }
            try statement.execute(arguments: [
                group, candle.day.iso, candle.open, candle.high, candle.low, candle.close, candle.volume,
                candle.volumeBuy, candle.volumeSell, candle.complete,
            ])
        }
        try record(result)
        return result
    }

    /// Validates and stores Fear & Greed readings (group `Config.fearGreedGroup`); a changed reading is updated.
    public func upsert(_ readings: [FearGreedReading]) throws -> UpsertSummary {
        let group = Config.fearGreedGroup
        try requireGroup(group, kind: .fearGreed)
        let (accepted, summary) = screen(readings, group: group, day: \.day, problem: validator.problem(with:))
        let stored = try FeatureReads.fearGreed(from: accepted.first?.day, to: accepted.last?.day, in: db)
        let storedByDay = Dictionary(uniqueKeysWithValues: stored.map { ($0.day, $0) })
        var result = summary
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO fear_greed (day, value, classification) VALUES (?, ?, ?)
                ON CONFLICT (day) DO UPDATE SET value = excluded.value, classification = excluded.classification
                """)
        for reading in accepted {
            if let old = storedByDay[reading.day] {
                if old == reading {
                    result.unchanged += 1
                    continue
                }
                result.updated += 1
            } else {
                result.inserted += 1
            }
            try statement.execute(arguments: [reading.day.iso, reading.value, reading.classification.rawValue])
        }
        try record(result)
        return result
    }

    /// Validates and stores the rows of the generic group `group` (a CSV series): one value per day and
    /// column, with the same rules as candles. A stored complete day is never downgraded by an incomplete
    /// fetch; a day is updated when a value of one of the fetched columns, or its completeness, differs.
    public func upsert(values rows: [DailyValues], into group: String) throws -> UpsertSummary {
        try requireGroup(group, kind: .dailyValue)
        let (accepted, summary) = screen(rows, group: group, day: \.day, problem: validator.problem(with:))
        let stored = try FeatureReads.values(group: group, from: accepted.first?.day, to: accepted.last?.day, in: db)
        let storedByDay = Dictionary(uniqueKeysWithValues: stored.map { ($0.day, $0) })
        var result = summary
        let statement = try db.cachedStatement(
            sql: """
                INSERT INTO daily_value (group_name, day, column_name, value, complete) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT (group_name, day, column_name) DO UPDATE SET value = excluded.value,
                    complete = excluded.complete
                """)
        for row in accepted {
            if let old = storedByDay[row.day] {
                let same = row.values.allSatisfy { old.values[$0.key] == $0.value } && old.complete == row.complete
                if same || (old.complete && !row.complete) {
                    result.unchanged += 1
                    continue
                }
                result.updated += 1
            } else {
                result.inserted += 1
            }
            for (column, value) in row.values.sorted(by: { $0.key < $1.key }) {
                try statement.execute(arguments: [group, row.day.iso, column, value, row.complete])
            }
        }
        try record(result)
        return result
    }

    /// Splits `rows` into valid rows (sorted by day, one per day) and a summary holding the rejections.
    private func screen<Row: Equatable>(
        _ rows: [Row], group: String, day: (Row) -> Day, problem: (Row) -> String?
    ) -> ([Row], UpsertSummary) {
        var summary = UpsertSummary(group: group)
        var firstByDay: [Day: Row] = [:]
        for row in rows {
            if let reason = problem(row) {
                summary.rejected.append(Rejection(group: group, day: day(row), reason: reason))
            } else if let first = firstByDay[day(row)] {
                if first != row {
                    summary.rejected.append(
                        Rejection(
                            group: group, day: day(row),
                            reason: "appears twice in one batch with different values; the first is kept"))
                }
            } else {
                firstByDay[day(row)] = row
            }
        }
        return (firstByDay.values.sorted { day($0) < day($1) }, summary)
    }

    private func requireGroup(_ name: String, kind: FeatureGroup.Kind) throws {
        guard let group = try GroupTable.group(named: name, in: db) else { throw StoreError.unknownGroup(name) }
        guard group.kind == kind else { throw StoreError.wrongGroupKind(group: name, kind: group.kind.rawValue) }
    }

    /// Logs the rejections now and folds the counts into the run's per-group changes.
    private func record(_ summary: UpsertSummary) throws {
        for rejection in summary.rejected {
            try RunLog.insert(rejection, runID: runID, in: db)
        }
        if let index = changes.firstIndex(where: { $0.group == summary.group }) {
            changes[index].add(summary)
        } else {
            changes.append(summary)
        }
    }

    /// Completes the run row: per-group counts, outcome (`partial` if anything was rejected) and message.
    func finish(at finishedAt: String) throws {
        for change in changes {
            try RunLog.insert(change, runID: runID, in: db)
        }
        let rejected = changes.reduce(0) { $0 + $1.rejected.count }
        let summaryLines = changes.map {
            "\($0.group): \($0.inserted) inserted, \($0.updated) updated, \($0.unchanged) unchanged, "
                + "\($0.rejected.count) rejected"
        }
        try RunLog.finish(
            runID: runID, finishedAt: finishedAt, outcome: rejected > 0 ? .partial : .ok,
            message: (summaryLines + notes).joined(separator: "; "), in: db)
    }
}
