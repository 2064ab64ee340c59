import ForesiteCore

/// FNV-1a 64 over every content table in primary-key order, each value tagged with its SQLite type so
/// that `1`, `1.0` and `'1'` differ; doubles hash by bit pattern, so any change of value shows.
enum ContentHash {
    static let tables: [(name: String, order: String)] = [
        ("feature_group", "name"),
        ("candle", "group_name, day"),
        ("fear_greed", "day"),
        ("daily_value", "group_name, day, column_name"),
        ("ledger", "position"),
        ("model", "version"),
        ("backtest_run", "id"),
        ("backtest_forecast", "run_id, model, origin, horizon"),
        ("backtest_interval", "run_id, model, origin, horizon, level"),
    ]

    static func compute(in db: Database) throws -> String {
        var hash: UInt64 = FNV1a64.hash([])
        for table in tables {
            hash = FNV1a64.hash(Array("table \(table.name)\n".utf8), seed: hash)
            let rows = try Row.fetchCursor(db, sql: "SELECT * FROM \(table.name) ORDER BY \(table.order)")
            while let row = try rows.next() {
                for value in row.databaseValues {
                    hash = FNV1a64.hash(Array(encode(value).utf8), seed: hash)
                }
                hash = FNV1a64.hash([0x0A], seed: hash)
            }
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    private static func encode(_ value: DatabaseValue) -> String {
        switch value {
        case .null: return "N|"
        case .int64(let int): return "I\(int)|"
        case .double(let double): return "D\(String(double.bitPattern, radix: 16))|"
        case .string(let string): return "S\(string.utf8.count):\(string)|"
        case .blob(let data): return "B\(data.count):\(data.base64EncodedString())|"
        }
    }
}
