import ForesiteCore

/// Read access to the forecast ledger (`store.ledger`); appends go through `StoreWriter.append(_:)`.
public struct ForecastLedger: Sendable {
    let store: FeatureStore

    /// Forecasts made between `from` and `to` inclusive (nil = unbounded), by day made then model.
    /// - Parameter model: only this model's forecasts, e.g. "persistence"; nil for every model.
    public func forecasts(from: Day? = nil, to: Day? = nil, model: ModelID? = nil) throws -> [IssuedForecast] {
        try store.read("read forecast ledger") { db in
            let from = from?.iso ?? "0000-00-00"
            var condition = "made_on >= ? AND made_on <= ?"
            var arguments: [String] = [from, to?.iso ?? "9999-99-99"]
            if let model {
                // The (made_on, model, horizon) index finds a day's model in a few rows.
                condition += " AND model = ?"
                arguments.append(model.rawValue)
            } else {
                // Every model's rows of a window: scanned in chain order from the first row made on or after
                // `from` (rows before it cannot match), not gathered through the made_on index and then sorted
                // by position, which took as long as reading the whole table (a trailing quarter of a
                // year's ledger: 15–22 ms with the sort, 9–14 ms scanned, in sqlite3).
                condition = "position >= (\(LedgerTable.windowStart)) AND " + condition
                arguments.insert(from, at: 0)
            }
            return try LedgerTable.forecasts(where: condition, arguments: .init(arguments), in: db)
        }
    }

    /// The forecast `model` made on `day`, if any.
    public func forecast(madeOn day: Day, model: ModelID) throws -> IssuedForecast? {
        try forecasts(from: day, to: day, model: model).first
    }

    /// The most recent forecast of `model`.
    public func latest(model: ModelID) throws -> IssuedForecast? {
        try store.read("read forecast ledger") { db in
            guard
                let day = try String.fetchOne(
                    db, sql: "SELECT max(made_on) FROM ledger WHERE model = ?", arguments: [model.rawValue]
                ).flatMap(Day.init(iso:))
            else { return nil }
            return try LedgerTable.forecasts(
                where: "made_on = ? AND model = ?", arguments: [day.iso, model.rawValue], in: db
            ).first
        }
    }

    /// Every row in chain order with its hashes: what `downloads/ledger.csv` publishes.
    public func records() throws -> [LedgerRecord] {
        try store.read("read forecast ledger") { db in try LedgerTable.records(in: db) }
    }

    /// Walks the hash chain from the first row: a row changed, removed or inserted behind the
    /// append-only triggers' back (through SQLite directly) breaks it from that row on.
    public func verify() throws -> LedgerVerification {
        LedgerVerification(records: try records())
    }

    /// `verifiedRecords(memo:)` with the memo kept beside the store's file (`LedgerVerificationMemo.location`;
    /// none for an in-memory store): read first, then replaced by this walk's when that differs. A memo that
    /// cannot be written only costs the next read a whole walk.
    public func verifiedRecords() throws -> (records: [LedgerRecord], verification: LedgerVerification) {
        let location = store.path.map(LedgerVerificationMemo.location(forStoreAt:))
        let kept = location.flatMap(LedgerVerificationMemo.load(from:))
        let read = try verifiedRecords(memo: kept)
        if let location, let memo = read.memo, memo != kept { try? memo.save(to: location) }
        return (read.records, read.verification)
    }

    /// The memo a walk of only the first `rows` rows would have left, as a build before the last appends
    /// did; nil when there are fewer rows or their chain does not hold.
    public func memo(ofFirst rows: Int) throws -> LedgerVerificationMemo? {
        let read = try store.read("read forecast ledger") { db in
            try LedgerTable.recordsDigestingStoredValues(prefixRows: rows, in: db)
        }
        guard rows > 0, let prefix = read.prefix else { return nil }
        let walked = Array(read.records.prefix(rows))
        guard LedgerVerification(records: walked).isVerified else { return nil }
        return LedgerVerificationMemo(rows: rows, storedSHA256: prefix.hex, head: walked[rows - 1].hash)
    }

    /// Every row in chain order (`records()`) with its chain walked (`verify()`), but only past the rows
    /// `memo` vouches for when they are byte for byte the ones it describes; with the memo of this walk
    /// when the chain holds (nil when it does not).
    public func verifiedRecords(memo: LedgerVerificationMemo?) throws -> (
        records: [LedgerRecord], verification: LedgerVerification, memo: LedgerVerificationMemo?
    ) {
        let read = try store.read("read forecast ledger") { db in
            try LedgerTable.recordsDigestingStoredValues(prefixRows: memo?.rows ?? 0, in: db)
        }
        let records = read.records
        var start = 0
        if let memo, memo.rows > 0, let prefix = read.prefix, prefix.matches(hex: memo.storedSHA256),
            records[memo.rows - 1].hash == memo.head
        {
            start = memo.rows
        }
        let verification = LedgerVerification(records: records, walkingFrom: start)
        guard verification.isVerified, let last = records.last else { return (records, verification, nil) }
        return (
            records, verification,
            LedgerVerificationMemo(rows: records.count, storedSHA256: read.all.hex, head: last.hash)
        )
    }
}

extension FeatureStore {
    /// The append-only, hash-chained forecast ledger.
    public var ledger: ForecastLedger { ForecastLedger(store: self) }
}

extension StoreWriter {
    /// Appends one model's forecast of the day; the identical forecast again is a no-op (`.alreadyRecorded`),
    /// a different one for the same day and model is `StoreError.ledgerConflict` (the first one stands).
    @discardableResult
    public func append(_ forecast: IssuedForecast) throws -> LedgerAppend {
        guard forecast.madeOn <= today else {
            throw StoreError.forecastFromTheFuture(madeOn: forecast.madeOn, today: today)
        }
        let result = try LedgerTable.append(forecast, in: db)
        note(
            "forecast \(forecast.madeOn) by \(forecast.model) \(forecast.modelVersion) "
                + (result == .appended ? "appended" : "already recorded"))
        return result
    }
}
