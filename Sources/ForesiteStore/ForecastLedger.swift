import ForesiteCore

/// Read access to the forecast ledger (`store.ledger`); appends go through `StoreWriter.append(_:)`.
public struct ForecastLedger: Sendable {
    let store: FeatureStore

    /// Forecasts made between `from` and `to` inclusive (nil = unbounded), oldest first.
    public func forecasts(from: Day? = nil, to: Day? = nil) throws -> [LedgerForecast] {
        try store.read("read forecast ledger") { db in try LedgerTable.forecasts(from: from, to: to, in: db) }
    }

    /// The forecast made on `day`, if any.
    public func forecast(madeOn day: Day) throws -> LedgerForecast? {
        try forecasts(from: day, to: day).first
    }

    /// The most recent forecast.
    public func latest() throws -> LedgerForecast? {
        try store.read("read forecast ledger") { db in
            guard let day = try String.fetchOne(db, sql: "SELECT max(made_on) FROM forecast").flatMap(Day.init(iso:))
            else { return nil }
            return try LedgerTable.forecasts(from: day, to: day, in: db).first
        }
    }

    /// Accuracy of every scored forecast against the complete actual opens, per horizon.
    public func liveAccuracy() throws -> LiveAccuracy {
        try store.read("measure live accuracy") { db in try LiveAccuracy.compute(in: db) }
    }
}

extension FeatureStore {
    /// The append-only forecast ledger.
    public var ledger: ForecastLedger { ForecastLedger(store: self) }
}

extension StoreWriter {
    /// Appends the day's forecast; the identical forecast again is a no-op (`.alreadyRecorded`), a different
    /// one for the same day is `StoreError.ledgerConflict` (the first forecast of a day stands).
    @discardableResult
    public func append(_ forecast: LedgerForecast) throws -> LedgerAppend {
        guard forecast.madeOn <= today else {
            throw StoreError.forecastFromTheFuture(madeOn: forecast.madeOn, today: today)
        }
        let result = try LedgerTable.append(forecast, in: db)
        note(
            "forecast \(forecast.madeOn) by \(forecast.modelVersion) \(result == .appended ? "appended" : "already recorded")"
        )
        return result
    }
}
