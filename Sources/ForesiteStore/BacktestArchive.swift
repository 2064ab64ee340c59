import ForesiteCore

/// Read access to stored backtests (`store.backtests`); `StoreWriter.record(_:)` adds one.
public struct BacktestArchive: Sendable {
    let store: FeatureStore

    /// Ids of all stored backtests, oldest first.
    public func ids() throws -> [Int64] {
        try store.read("read backtests") { db in try Int64.fetchAll(db, sql: "SELECT id FROM backtest_run ORDER BY id")
        }
    }

    /// The most recent backtest with all its forecasts.
    public func latest() throws -> BacktestRecord? {
        try store.read("read backtests") { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT max(id) FROM backtest_run") else { return nil }
            return try BacktestTable.run(id: id, in: db)
        }
    }

    public func run(id: Int64) throws -> BacktestRecord? {
        try store.read("read backtests") { db in try BacktestTable.run(id: id, in: db) }
    }
}

extension FeatureStore {
    /// Stored walk-forward backtests.
    public var backtests: BacktestArchive { BacktestArchive(store: self) }
}

extension StoreWriter {
    /// Stores a backtest and returns its id.
    @discardableResult
    public func record(_ backtest: BacktestRecord) throws -> Int64 {
        let id = try BacktestTable.insert(backtest, in: db)
        note("backtest \(id): \(backtest.forecasts.count) forecasts from \(backtest.fromDay) to \(backtest.toDay)")
        return id
    }
}

/// Row mapping of `backtest_run`, `backtest_forecast` (the median in `point`) and `backtest_interval`
/// (one row per interval level, 0.5 included). A row's `trainedThrough` is not stored.
enum BacktestTable {
    static func insert(_ backtest: BacktestRecord, in db: Database) throws -> Int64 {
        try db.execute(
            sql: """
                INSERT INTO backtest_run (created_at, from_day, to_day, retrain_every, ensemble, settings_json)
                VALUES (?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                backtest.createdAt, backtest.fromDay.iso, backtest.toDay.iso, backtest.retrainEvery, backtest.ensemble,
                backtest.settingsJSON,
            ])
        let id = db.lastInsertedRowID
        let forecast = try db.makeStatement(
            sql: """
                INSERT INTO backtest_forecast (run_id, model, origin, horizon, target_day, point, actual)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        let interval = try db.makeStatement(
            sql: """
                INSERT INTO backtest_interval (run_id, model, origin, horizon, level, lower, upper)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                """)
        for row in backtest.forecasts {
            try forecast.execute(arguments: [
                id, row.model.rawValue, row.origin.iso, row.horizon, row.targetDay.iso, row.forecast.median,
                row.actual,
            ])
            for band in row.forecast.intervals {
                try interval.execute(arguments: [
                    id, row.model.rawValue, row.origin.iso, row.horizon, band.level, band.lower, band.upper,
                ])
            }
        }
        return id
    }

    static func run(id: Int64, in db: Database) throws -> BacktestRecord? {
        guard let run = try Row.fetchOne(db, sql: "SELECT * FROM backtest_run WHERE id = ?", arguments: [id]) else {
            return nil
        }
        struct Key: Hashable {
            var model: String
            var origin: String
            var horizon: Int
        }
        var intervals: [Key: [PredictionInterval]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM backtest_interval WHERE run_id = ? ORDER BY model, origin, horizon, level",
            arguments: [id])
        {
            intervals[Key(model: row["model"], origin: row["origin"], horizon: row["horizon"]), default: []].append(
                PredictionInterval(level: row["level"], lower: row["lower"], upper: row["upper"]))
        }
        let forecasts = try Row.fetchAll(
            db, sql: "SELECT * FROM backtest_forecast WHERE run_id = ? ORDER BY model, origin, horizon", arguments: [id]
        ).map { row in
            BacktestForecast(
                model: ModelID(row["model"] as String), origin: try row.day("origin", table: "backtest_forecast"),
                horizon: row["horizon"], targetDay: try row.day("target_day", table: "backtest_forecast"),
                forecast: QuantileForecast(
                    median: row["point"],
                    intervals: intervals[Key(model: row["model"], origin: row["origin"], horizon: row["horizon"])]
                        ?? []),
                actual: row["actual"])
        }
        return BacktestRecord(
            id: id, createdAt: run["created_at"], fromDay: try run.day("from_day", table: "backtest_run"),
            toDay: try run.day("to_day", table: "backtest_run"), retrainEvery: run["retrain_every"],
            ensemble: run["ensemble"], settingsJSON: run["settings_json"], forecasts: forecasts)
    }
}
