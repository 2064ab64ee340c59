import CSQLite

/// One prepared SQLite statement; finalized when released.
///
/// Not thread-safe: it belongs to its `Database` connection, which one thread uses at a time.
final class Statement {
    /// The `sqlite3_stmt` handle, for readers that decode columns themselves (`LedgerRowReader`).
    let sqliteStatement: OpaquePointer
    let sql: String
    /// The result columns' names, in order.
    private(set) lazy var columnNames: [String] = (0..<sqlite3_column_count(sqliteStatement)).map {
        String(cString: sqlite3_column_name(sqliteStatement, $0))
    }

    /// Takes ownership of `statement`, prepared from `sql`.
    init(prepared statement: OpaquePointer, sql: String) {
        sqliteStatement = statement
        self.sql = sql
    }

    deinit { sqlite3_finalize(sqliteStatement) }

    var parameterCount: Int { Int(sqlite3_bind_parameter_count(sqliteStatement)) }

    /// Resets the statement and binds `arguments`, which must fill every parameter.
    func bind(_ arguments: StatementArguments) throws {
        sqlite3_reset(sqliteStatement)
        sqlite3_clear_bindings(sqliteStatement)
        guard arguments.values.count == parameterCount else {
            throw DatabaseError(
                resultCode: SQLITE_MISUSE,
                message: "wrong number of statement arguments: \(arguments.values.count) for \(parameterCount)",
                sql: sql)
        }
        for (offset, value) in arguments.values.enumerated() {
            let index = Int32(offset + 1)
            let code: Int32
            switch value {
            case .null: code = sqlite3_bind_null(sqliteStatement, index)
            case .int64(let int): code = sqlite3_bind_int64(sqliteStatement, index, int)
            case .double(let double): code = sqlite3_bind_double(sqliteStatement, index, double)
            case .string(var string):
                // An empty text needs a non-null pointer: SQLite binds a null pointer as NULL.
                code = string.withUTF8 { bytes in
                    guard let base = bytes.baseAddress else {
                        return sqlite3_bind_text(sqliteStatement, index, "", 0, csqlite_transient())
                    }
                    return base.withMemoryRebound(to: CChar.self, capacity: bytes.count) {
                        sqlite3_bind_text(sqliteStatement, index, $0, Int32(bytes.count), csqlite_transient())
                    }
                }
            case .blob(let data):
                code =
                    data.isEmpty
                    ? sqlite3_bind_zeroblob(sqliteStatement, index, 0)
                    : data.withUnsafeBytes {
                        sqlite3_bind_blob(sqliteStatement, index, $0.baseAddress, Int32($0.count), csqlite_transient())
                    }
            }
            guard code == SQLITE_OK else { throw error(code) }
        }
    }

    /// Runs the statement with `arguments` to its end, ignoring any rows.
    func execute(arguments: StatementArguments = []) throws {
        try bind(arguments)
        while try step() {}
    }

    /// Advances to the next row: true on a row, false at the end (the statement is then reset).
    func step() throws -> Bool {
        switch sqlite3_step(sqliteStatement) {
        case SQLITE_ROW: return true
        case SQLITE_DONE:
            sqlite3_reset(sqliteStatement)
            return false
        case let code:
            // sqlite3_reset repeats the step's error code; the message is read before it.
            let failure = error(code)
            sqlite3_reset(sqliteStatement)
            throw failure
        }
    }

    private func error(_ code: Int32) -> DatabaseError {
        DatabaseError(code, on: sqlite3_db_handle(sqliteStatement), sql: sql)
    }
}
