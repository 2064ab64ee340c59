import CSQLite

/// A failed SQLite call: its result code, SQLite's message and the statement it ran, if any.
struct DatabaseError: Error, CustomStringConvertible {
    /// The extended result code (`SQLITE_CONSTRAINT_CHECK`, …); `resultCode & 0xff` is the primary one.
    let resultCode: Int32
    /// SQLite's own words (`sqlite3_errmsg`), e.g. "CHECK constraint failed: close > 0".
    let message: String?
    let sql: String?

    init(resultCode: Int32, message: String?, sql: String? = nil) {
        self.resultCode = resultCode
        self.message = message
        self.sql = sql
    }

    /// The error `connection` reports for the call that just returned `code`.
    init(_ code: Int32, on connection: OpaquePointer?, sql: String? = nil) {
        let message = connection.flatMap { sqlite3_errmsg($0) }.map { String(cString: $0) }
        self.init(resultCode: code, message: message ?? String(cString: sqlite3_errstr(code)), sql: sql)
    }

    var description: String {
        var text = "SQLite error \(resultCode & 0xff): \(message ?? "unknown")"
        if let sql { text += " - while executing `\(sql)`" }
        return text
    }
}
