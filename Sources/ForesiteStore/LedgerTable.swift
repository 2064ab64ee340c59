import ForesiteCore

/// Reads and appends of the `ledger` table: one row per model, day made and horizon, in chain order.
enum LedgerTable {
    /// The quantile columns, in `QuantileForecast.standardQuantileLevels` order (the median is `median`).
    static let quantileColumns = ["q0025", "q01", "q025", "median", "q075", "q09", "q0975"]

    /// Appends `forecast`'s rows, each chained to the row before; does nothing if the identical forecast
    /// of that model for that day is already there, and refuses a different one.
    static func append(_ forecast: IssuedForecast, in db: Database) throws -> LedgerAppend {
        let forecast = stored(forecast)
        for (field, value) in [
            ("model", forecast.model.rawValue), ("model_version", forecast.modelVersion),
            ("target_group", forecast.targetGroup),
            ("field", forecast.field), ("input_hash", forecast.inputHash),
        ] where value.contains(where: { ",\"\n\r".contains($0) }) {
            throw StoreError.unsafeLedgerField(field: field, value: value)
        }
        if let stored = try forecasts(
            where: "made_on = ? AND model = ?", arguments: [forecast.madeOn.iso, forecast.model.rawValue], in: db
        ).first {
            guard stored == forecast else {
                throw StoreError.ledgerConflict(madeOn: forecast.madeOn, difference: difference(stored, forecast))
            }
            return .alreadyRecorded
        }
        var previous =
            try String.fetchOne(db, sql: "SELECT sha256 FROM ledger ORDER BY position DESC LIMIT 1")
            ?? LedgerRecord.genesis
        for record in forecast.records {
            let chained = record.chained(after: previous)
            try insert(chained, in: db)
            previous = chained.hash
        }
        return .appended
    }

    static func insert(_ record: LedgerRecord, in db: Database) throws {
        let quantiles = QuantileForecast.standardQuantileLevels.map { record.forecast.value(atQuantile: $0) }
        let arguments: [(any DatabaseValueConvertible)?] =
            [
                record.madeOn.iso, record.model, record.modelVersion, record.targetGroup, record.field,
                record.origin.iso, record.horizon, record.targetDay.iso, record.reference,
            ] + quantiles + [record.inputHash, record.previousHash, record.hash]
        // Prepared once per connection: a day appends a row per model and horizon, a backfill thousands.
        try db.cachedStatement(sql: insertSQL).execute(arguments: StatementArguments(arguments))
    }

    private static let insertSQL = """
        INSERT INTO ledger (\(recordColumns.joined(separator: ", ")))
        VALUES (\(Array(repeating: "?", count: recordColumns.count).joined(separator: ", ")))
        """

    /// The position of the first row made on or after its argument. `+position` is not the rowid to the
    /// planner, so it takes the minimum over the made_on index's range instead of scanning the table in
    /// chain order up to the window's first row (three quarters of a year's ledger for a 90-day window:
    /// 2–5 ms against 0.3–0.5 ms in sqlite3).
    static let windowStart = "SELECT min(+position) FROM ledger WHERE made_on >= ?"

    /// The columns `insert` writes and `records` reads, in the order `LedgerRowReader` decodes them by
    /// position.
    static let recordColumns =
        ["made_on", "model", "model_version", "target_group", "field", "origin", "horizon", "target_day", "reference"]
        + quantileColumns + ["input_hash", "previous_sha256", "sha256"]

    /// Every row in chain order, as published; without `hashes` the rows' chain hashes are left empty (and
    /// not read: a forecast does not keep them).
    static func records(
        where condition: String = "1", arguments: StatementArguments = [], hashes: Bool = true, in db: Database
    ) throws -> [LedgerRecord] {
        // The hashes are the last two columns: the others keep their positions without them.
        let columns = hashes ? recordColumns : recordColumns.dropLast(2)
        let statement = try db.cachedStatement(
            sql: "SELECT \(columns.joined(separator: ", ")) FROM ledger WHERE \(condition) ORDER BY position")
        let rows = try Row.fetchCursor(statement, arguments: arguments)
        var reader = LedgerRowReader(readsHashes: hashes)
        var records: [LedgerRecord] = []
        if condition == "1" { records.reserveCapacity(try expectedRows(in: db)) }
        while try rows.next() != nil {
            records.append(try reader.record(statement.sqliteStatement))
        }
        return records
    }

    /// Every row in chain order, with the SHA-256 of the rows' stored values (`LedgerRowReader.stored`)
    /// over all of them and over the first `prefixRows` (nil when there are fewer rows).
    static func recordsDigestingStoredValues(prefixRows: Int, in db: Database) throws -> (
        records: [LedgerRecord], prefix: SHA256.Digest?, all: SHA256.Digest
    ) {
        let statement = try db.cachedStatement(
            sql: "SELECT \(recordColumns.joined(separator: ", ")) FROM ledger ORDER BY position")
        let rows = try Row.fetchCursor(statement, arguments: [])
        var reader = LedgerRowReader(digesting: true)
        var stream = SHA256.Stream()
        var prefix: SHA256.Digest? = prefixRows == 0 ? stream.digest : nil
        var records: [LedgerRecord] = []
        records.reserveCapacity(try expectedRows(in: db))
        while try rows.next() != nil {
            records.append(try reader.record(statement.sqliteStatement))
            stream.append(reader.stored!)
            if records.count == prefixRows { prefix = stream.digest }
        }
        return (records, prefix, stream.digest)
    }

    /// The last row's position, which is the row count of an untouched ledger (positions count from 1 and
    /// rows are never removed), at most 4 million: room for a whole read without the array growing.
    private static func expectedRows(in db: Database) throws -> Int {
        min(max(try Int.fetchOne(db, sql: "SELECT max(position) FROM ledger") ?? 0, 0), 1 << 22)
    }

    /// Forecasts whose rows match `condition`, grouped per day made and model, oldest first.
    static func forecasts(where condition: String = "1", arguments: StatementArguments = [], in db: Database)
        throws -> [IssuedForecast]
    {
        IssuedForecast.grouping(try records(where: condition, arguments: arguments, hashes: false, in: db))
    }

    /// `forecast` as the store reads it back: steps by horizon, each with the ledger's quantiles.
    static func stored(_ forecast: IssuedForecast) -> IssuedForecast {
        var copy = forecast
        copy.steps = forecast.steps.sorted { $0.horizon < $1.horizon }.map { step in
            IssuedForecast.Step(horizon: step.horizon, targetDay: step.targetDay, forecast: stored(step.forecast))
        }
        return copy
    }

    /// The forecast as the ledger keeps it: the seven hub quantiles (intervals at 50, 80 and 95 %);
    /// other levels are not stored, so a forecast compares equal to what is read back.
    static func stored(_ forecast: QuantileForecast) -> QuantileForecast {
        QuantileForecast(
            median: forecast.median,
            intervals: forecast.intervals.filter { interval in
                QuantileForecast.standardLevels.contains { abs($0 - interval.level) < 1e-9 }
            }.map { PredictionInterval(level: standardLevel($0.level), lower: $0.lower, upper: $0.upper) })
    }

    private static func standardLevel(_ level: Double) -> Double {
        QuantileForecast.standardLevels.first { abs($0 - level) < 1e-9 } ?? level
    }

    /// The first field that differs, for the conflict message.
    private static func difference(_ stored: IssuedForecast, _ new: IssuedForecast) -> String {
        if stored.modelVersion != new.modelVersion {
            return "model \(stored.modelVersion) vs \(new.modelVersion)"
        }
        if stored.origin != new.origin { return "origin \(stored.origin) vs \(new.origin)" }
        if stored.inputHash != new.inputHash { return "input hash \(stored.inputHash) vs \(new.inputHash)" }
        if stored.reference != new.reference { return "reference \(stored.reference) vs \(new.reference)" }
        if stored.targetGroup != new.targetGroup { return "target \(stored.targetGroup) vs \(new.targetGroup)" }
        if stored.field != new.field { return "field \(stored.field) vs \(new.field)" }
        if stored.steps.map(\.horizon) != new.steps.map(\.horizon) {
            return "horizons \(stored.steps.count) vs \(new.steps.count)"
        }
        for (old, step) in zip(stored.steps, new.steps) where old != step {
            if old.median != step.median { return "horizon \(step.horizon) median \(old.median) vs \(step.median)" }
            return "horizon \(step.horizon) quantiles differ"
        }
        return "values differ"
    }
}
