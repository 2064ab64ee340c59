import ForesiteCore
import GRDB

/// Row-level reads of the feature tables, shared by the public readers and by upsert (which compares
/// incoming rows with stored ones inside its transaction).
enum FeatureReads {
    /// Candles of `group` between `from` and `to` inclusive (either bound optional), oldest first.
    ///
    /// Named columns read by position through a cursor: the site's downloads and the training frame read
    /// every stored day, and looking columns up by name per row was most of that time.
    static func candles(group: String, from: Day?, to: Day?, in db: Database) throws -> [Candle] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT day, open, high, low, close, volume, volume_buy, volume_sell, complete FROM candle
                WHERE group_name = ? AND day >= ? AND day <= ? ORDER BY day
                """,
            arguments: [group, from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"])
        var candles: [Candle] = []
        while let row = try rows.next() {
            candles.append(
                Candle(
                    day: try row.day(at: 0, column: "day", table: "candle"), open: row[1], high: row[2], low: row[3],
                    close: row[4], volume: row[5], volumeBuy: row[6], volumeSell: row[7], complete: row[8]))
        }
        return candles
    }

    static func fearGreed(from: Day?, to: Day?, in db: Database) throws -> [FearGreedReading] {
        let rows = try Row.fetchCursor(
            db, sql: "SELECT day, value, classification FROM fear_greed WHERE day >= ? AND day <= ? ORDER BY day",
            arguments: [from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"])
        var readings: [FearGreedReading] = []
        while let row = try rows.next() {
            let code: Int = row[2]
            guard let classification = FearGreedClass(rawValue: code) else {
                throw StoreError.corruptValue(table: "fear_greed", column: "classification", value: "\(code)")
            }
            readings.append(
                FearGreedReading(
                    day: try row.day(at: 0, column: "day", table: "fear_greed"), value: row[1],
                    classification: classification))
        }
        return readings
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
