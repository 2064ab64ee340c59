import ForesiteCore
import GRDB

/// Reads and appends of the `forecast` and `forecast_interval` tables.
enum LedgerTable {
    /// Appends `forecast`, or does nothing if the identical forecast for that day is already there.
    static func append(_ forecast: LedgerForecast, in db: Database) throws -> LedgerAppend {
        let forecast = forecast.normalized
        if let stored = try self.forecasts(from: forecast.madeOn, to: forecast.madeOn, in: db).first {
            guard stored == forecast else {
                throw StoreError.ledgerConflict(madeOn: forecast.madeOn, difference: difference(stored, forecast))
            }
            return .alreadyRecorded
        }
        for step in forecast.steps {
            try db.execute(
                sql: """
                    INSERT INTO forecast (made_on, horizon, target_group, origin, target_day, point, naive,
                        model_version, input_hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """,
                arguments: [
                    forecast.madeOn.iso, step.horizon, forecast.targetGroup, forecast.origin.iso, step.targetDay.iso,
                    step.point, forecast.naive, forecast.modelVersion, forecast.inputHash,
                ])
            for interval in step.intervals {
                try db.execute(
                    sql: "INSERT INTO forecast_interval (made_on, horizon, level, lower, upper) VALUES (?, ?, ?, ?, ?)",
                    arguments: [forecast.madeOn.iso, step.horizon, interval.level, interval.lower, interval.upper])
            }
        }
        return .appended
    }

    /// Forecasts made between `from` and `to` inclusive (nil = unbounded), oldest first.
    static func forecasts(from: Day?, to: Day?, in db: Database) throws -> [LedgerForecast] {
        let bounds: StatementArguments = [from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"]
        let intervals = try self.intervals(where: "made_on >= ? AND made_on <= ?", arguments: bounds, in: db)
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM forecast WHERE made_on >= ? AND made_on <= ? ORDER BY made_on, horizon",
            arguments: bounds)
        var result: [LedgerForecast] = []
        for row in rows {
            let madeOn = try row.day("made_on", table: "forecast")
            let step = LedgerForecast.Step(
                horizon: row["horizon"], targetDay: try row.day("target_day", table: "forecast"), point: row["point"],
                intervals: intervals[Key(madeOn: madeOn, horizon: row["horizon"])] ?? [])
            if result.last?.madeOn == madeOn {
                result[result.count - 1].steps.append(step)
            } else {
                result.append(
                    LedgerForecast(
                        madeOn: madeOn, origin: try row.day("origin", table: "forecast"),
                        targetGroup: row["target_group"], modelVersion: row["model_version"],
                        inputHash: row["input_hash"], naive: row["naive"], steps: [step]))
            }
        }
        return result
    }

    struct Key: Hashable {
        var madeOn: Day
        var horizon: Int
    }

    /// Intervals keyed by forecast row, each list ordered by level.
    static func intervals(
        where condition: String = "1", arguments: StatementArguments = [], in db: Database
    ) throws -> [Key: [PredictionInterval]] {
        var result: [Key: [PredictionInterval]] = [:]
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM forecast_interval WHERE \(condition) ORDER BY made_on, horizon, level",
            arguments: arguments)
        for row in rows {
            let key = Key(madeOn: try row.day("made_on", table: "forecast_interval"), horizon: row["horizon"])
            result[key, default: []].append(
                PredictionInterval(level: row["level"], lower: row["lower"], upper: row["upper"]))
        }
        return result
    }

    /// The first field that differs, for the conflict message.
    private static func difference(_ stored: LedgerForecast, _ new: LedgerForecast) -> String {
        if stored.modelVersion != new.modelVersion {
            return "model \(stored.modelVersion) vs \(new.modelVersion)"
        }
        if stored.origin != new.origin { return "origin \(stored.origin) vs \(new.origin)" }
        if stored.inputHash != new.inputHash { return "input hash \(stored.inputHash) vs \(new.inputHash)" }
        if stored.naive != new.naive { return "naive \(stored.naive) vs \(new.naive)" }
        if stored.targetGroup != new.targetGroup { return "target \(stored.targetGroup) vs \(new.targetGroup)" }
        if stored.steps.map(\.horizon) != new.steps.map(\.horizon) {
            return "horizons \(stored.steps.count) vs \(new.steps.count)"
        }
        for (old, step) in zip(stored.steps, new.steps) where old != step {
            if old.point != step.point { return "horizon \(step.horizon) point \(old.point) vs \(step.point)" }
            return "horizon \(step.horizon) intervals differ"
        }
        return "values differ"
    }
}
