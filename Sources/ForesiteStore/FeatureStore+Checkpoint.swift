extension FeatureStore {
    /// Folds the write-ahead log back into the database file and empties it, so the `.sqlite` file alone
    /// holds everything (the daily workflow commits just that file). A no-op for in-memory stores.
    public func checkpoint() throws {
        guard let pool = database as? DatabasePool else { return }
        try pool.writeWithoutTransaction { db in try db.checkpointTruncatingLog() }
    }
}
