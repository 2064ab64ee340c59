import ForesiteCore
import GRDB

/// Row-level reads of the feature tables, shared by the public readers and by upsert (which compares
/// incoming rows with stored ones inside its transaction).
enum FeatureReads {
    /// Candles of `group` between `from` and `to` inclusive (either bound optional), oldest first.
    static func candles(group: String, from: Day?, to: Day?, in db: Database) throws -> [Candle] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT * FROM candle WHERE group_name = ? AND day >= ? AND day <= ? ORDER BY day
                """,
            arguments: [group, from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"])
        return try rows.map { row in
            Candle(
                day: try row.day("day", table: "candle"), open: row["open"], high: row["high"], low: row["low"],
                close: row["close"], volume: row["volume"], volumeBuy: row["volume_buy"],
                volumeSell: row["volume_sell"], complete: row["complete"])
        }
    }

    static func fearGreed(from: Day?, to: Day?, in db: Database) throws -> [FearGreedReading] {
        let rows = try Row.fetchAll(
            db, sql: "SELECT * FROM fear_greed WHERE day >= ? AND day <= ? ORDER BY day",
            arguments: [from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"])
        return try rows.map { row in
            let code: Int = row["classification"]
            guard let classification = FearGreedClass(rawValue: code) else {
                throw StoreError.corruptValue(table: "fear_greed", column: "classification", value: "\(code)")
            }
            return FearGreedReading(
                day: try row.day("day", table: "fear_greed"), value: row["value"], classification: classification)
        }
    }

    static func lastCompleteDay(group: String, in db: Database) throws -> Day? {
        let text: String? =
            group == Config.fearGreedGroup
            ? try String.fetchOne(db, sql: "SELECT max(day) FROM fear_greed")
            : try String.fetchOne(
                db, sql: "SELECT max(day) FROM candle WHERE group_name = ? AND complete = 1", arguments: [group])
        return text.flatMap { Day(iso: $0) }
    }

    static func incompleteDays(group: String, in db: Database) throws -> [Day] {
        try Row.fetchAll(
            db, sql: "SELECT day FROM candle WHERE group_name = ? AND complete = 0 ORDER BY day", arguments: [group]
        ).map { try $0.day("day", table: "candle") }
    }
}
