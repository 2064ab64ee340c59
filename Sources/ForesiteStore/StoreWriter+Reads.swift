import ForesiteCore

/// Reads inside a command's transaction. Connections are not reentrant, so code running inside
/// `FeatureStore.write(command:_:)` must read through the writer, never through the store.
extension StoreWriter {
    public func candles(group: String, from: Day? = nil, to: Day? = nil) throws -> [Candle] {
        try FeatureReads.candles(group: group, from: from, to: to, in: db)
    }

    public func fearGreed(from: Day? = nil, to: Day? = nil) throws -> [FearGreedReading] {
        try FeatureReads.fearGreed(from: from, to: to, in: db)
    }

    public func values(group: String, from: Day? = nil, to: Day? = nil) throws -> [DailyValues] {
        try FeatureReads.values(group: group, from: from, to: to, in: db)
    }

    public func lastCompleteDay(group: String) throws -> Day? {
        try FeatureReads.lastCompleteDay(group: group, in: db)
    }

    public func incompleteDays(group: String) throws -> [Day] {
        try FeatureReads.incompleteDays(group: group, in: db)
    }

    /// The forecast `model` made on `day`, if any (to check before appending).
    public func forecast(madeOn day: Day, model: ModelID) throws -> IssuedForecast? {
        try LedgerTable.forecasts(
            where: "made_on = ? AND model = ?", arguments: [day.iso, model.rawValue], in: db
        ).first
    }

    /// The current champion (to compare a challenger with inside the same transaction as `promote`).
    public func champion() throws -> ModelRecord? {
        try ModelTable.champion(in: db)
    }
}
