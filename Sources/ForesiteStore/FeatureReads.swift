import CSQLite
import ForesiteCore

/// Row-level reads of the feature tables, shared by the public readers and by upsert (which compares
/// incoming rows with stored ones inside its transaction).
enum FeatureReads {
    /// Candles of `group` between `from` and `to` inclusive (either bound optional), oldest first.
    ///
    /// Named columns read by position through a cursor: the site's downloads and the training frame read
    /// every stored day, and looking columns up by name per row was most of that time.
    static func candles(group: String, from: Day?, to: Day?, in db: Database) throws -> [Candle] {
        // Read every day a site build or a forecast needs (five years of a target and each covariate, several
        // times a run): prepared once per connection and decoded by position from SQLite's values.
        let statement = try db.cachedStatement(sql: candleSQL)
        let rows = try Row.fetchCursor(
            statement, arguments: [group, from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"])
        let row = statement.sqliteStatement
        var candles: [Candle] = []
        while try rows.next() != nil {
            candles.append(
                Candle(
                    day: try candleDay(row), open: try candleNumber(row, 1), high: try candleNumber(row, 2),
                    low: try candleNumber(row, 3), close: try candleNumber(row, 4), volume: try candleNumber(row, 5),
                    volumeBuy: try candleNumber(row, 6), volumeSell: try candleNumber(row, 7),
                    complete: try candleNumber(row, 8) != 0))
        }
        return candles
    }

    private static let candleColumns = [
        "day", "open", "high", "low", "close", "volume", "volume_buy", "volume_sell", "complete",
    ]
    private static let candleSQL = """
        SELECT \(candleColumns.joined(separator: ", ")) FROM candle
        WHERE group_name = ? AND day >= ? AND day <= ? ORDER BY day
        """

    /// The day in the row's first column; a text that is not one is a corrupt value.
    private static func candleDay(_ row: OpaquePointer) throws -> Day {
        guard let bytes = ColumnValues.textBytes(row, 0) else {
            throw StoreError.corruptValue(table: "candle", column: "day", value: "NULL")
        }
        return try ColumnValues.day(bytes, table: "candle", column: "day")
    }

    /// A number column as `Double` reads it (an INTEGER converted); anything else is a corrupt value.
    private static func candleNumber(_ row: OpaquePointer, _ column: Int32) throws -> Double {
        switch sqlite3_column_type(row, column) {
        case SQLITE_FLOAT: return sqlite3_column_double(row, column)
        case SQLITE_INTEGER: return Double(sqlite3_column_int64(row, column))
        case SQLITE_NULL:
            throw StoreError.corruptValue(table: "candle", column: candleColumns[Int(column)], value: "NULL")
        default:
            let text = ColumnValues.textBytes(row, column).map { String(decoding: $0, as: UTF8.self) } ?? ""
            throw StoreError.corruptValue(table: "candle", column: candleColumns[Int(column)], value: text)
        }
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

    /// Rows of the generic group `group` between `from` and `to` inclusive, oldest first; a day is complete
    /// only when every column of it is.
    static func values(group: String, from: Day?, to: Day?, in db: Database) throws -> [DailyValues] {
        let rows = try Row.fetchCursor(
            db,
            sql: """
                SELECT day, column_name, value, complete FROM daily_value
                WHERE group_name = ? AND day >= ? AND day <= ? ORDER BY day, column_name
                """,
            arguments: [group, from?.iso ?? "0000-00-00", to?.iso ?? "9999-99-99"])
        var result: [DailyValues] = []
        while let row = try rows.next() {
            let day = try row.day(at: 0, column: "day", table: "daily_value")
            let complete: Bool = row[3]
            if result.last?.day != day { result.append(DailyValues(day: day, values: [:], complete: complete)) }
            result[result.count - 1].values[row[1]] = row[2] as Double
            result[result.count - 1].complete = result[result.count - 1].complete && complete
        }
        return result
    }

    /// Every stored day of `group` with whether it is complete, oldest first (Fear & Greed days are
    /// always complete); empty for a group the store does not have.
    static func days(group: String, in db: Database) throws -> [(day: Day, complete: Bool)] {
        guard let kind = try GroupTable.group(named: group, in: db)?.kind else { return [] }
        let rows: RowCursor
        switch kind {
        case .candle:
            rows = try Row.fetchCursor(
                db, sql: "SELECT day, complete FROM candle WHERE group_name = ? ORDER BY day", arguments: [group])
        case .fearGreed:
            rows = try Row.fetchCursor(db, sql: "SELECT day, 1 FROM fear_greed ORDER BY day")
        case .dailyValue:
            rows = try Row.fetchCursor(
                db, sql: "SELECT day, min(complete) FROM daily_value WHERE group_name = ? GROUP BY day ORDER BY day",
                arguments: [group])
        }
        var days: [(day: Day, complete: Bool)] = []
        while let row = try rows.next() {
            days.append((try row.day(at: 0, column: "day", table: kind.rawValue), row[1]))
        }
        return days
    }

    /// The newest complete day of `group`, from the index alone (`update` asks for it per group and run).
    static func lastCompleteDay(group: String, in db: Database) throws -> Day? {
        let text: String?
        switch try GroupTable.group(named: group, in: db)?.kind {
        case nil: return nil
        case .candle?:
            text = try String.fetchOne(
                db, sql: "SELECT max(day) FROM candle WHERE group_name = ? AND complete = 1", arguments: [group])
        case .fearGreed?:
            text = try String.fetchOne(db, sql: "SELECT max(day) FROM fear_greed")
        case .dailyValue?:
            text = try String.fetchOne(
                db,
                sql: """
                    SELECT max(day) FROM (SELECT day FROM daily_value WHERE group_name = ? GROUP BY day
                    HAVING min(complete) = 1)
                    """,
                arguments: [group])
        }
        return text.flatMap { Day(iso: $0) }
    }

    static func incompleteDays(group: String, in db: Database) throws -> [Day] {
        switch try GroupTable.group(named: group, in: db)?.kind {
        case nil, .fearGreed?:
            return []
        case .candle?:
            return try Row.fetchAll(
                db, sql: "SELECT day FROM candle WHERE group_name = ? AND complete = 0 ORDER BY day",
                arguments: [group]
            ).map { try $0.day("day", table: "candle") }
        case .dailyValue?:
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT day FROM daily_value WHERE group_name = ? GROUP BY day HAVING min(complete) = 0
                    ORDER BY day
                    """,
                arguments: [group]
            ).map { try $0.day("day", table: "daily_value") }
        }
    }
}
