import CSQLite
import Foundation

/// One SQLite connection, used by one thread at a time (its `DatabaseQueue` or `DatabasePool` sees to that).
///
/// Every connection enforces foreign keys, waits up to 10 s for another process's write lock (a scheduled
/// update and a manual command may overlap), reports extended result codes and refuses double-quoted
/// strings.
final class Database {
    let sqliteConnection: OpaquePointer
    private var statementCache: [String: Statement] = [:]
    private var isClosed = false

    /// Opens `path` (":memory:" for a private in-memory database), creating the file if needed.
    init(path: String) throws {
        var connection: OpaquePointer?
        let flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &connection, flags, nil)
        guard code == SQLITE_OK, let connection else {
            let error = DatabaseError(code, on: connection)
            sqlite3_close_v2(connection)
            throw error
        }
        sqliteConnection = connection
        sqlite3_extended_result_codes(connection, 1)
        sqlite3_busy_timeout(connection, 10_000)
        csqlite_disable_double_quoted_strings(connection)
        try execute(sql: "PRAGMA foreign_keys = ON")
    }

    deinit { close() }

    /// Finalizes the cached statements and closes the connection (SQLite closes it once the last statement
    /// still held elsewhere is finalized); any later use fails with SQLITE_MISUSE.
    func close() {
        guard !isClosed else { return }
        isClosed = true
        statementCache.removeAll()
        sqlite3_close_v2(sqliteConnection)
    }

    /// Runs `sql`, which may hold several statements; `arguments` fill their parameters in order.
    func execute(sql: String, arguments: StatementArguments = []) throws {
        var remaining = arguments.values[...]
        try sql.utf8CString.withUnsafeBufferPointer { buffer in
            guard let start = buffer.baseAddress else { return }
            var next: UnsafePointer<CChar>? = start
            while let head = next, head.pointee != 0 {
                var prepared: OpaquePointer?
                var tail: UnsafePointer<CChar>?
                let code = sqlite3_prepare_v2(sqliteConnection, head, -1, &prepared, &tail)
                guard code == SQLITE_OK else { throw DatabaseError(code, on: sqliteConnection, sql: sql) }
                next = tail
                // Only whitespace or a comment was left.
                guard let prepared else { break }
                let text = String(cString: sqlite3_sql(prepared))
                let statement = Statement(prepared: prepared, sql: text)
                let count = min(statement.parameterCount, remaining.count)
                try statement.execute(arguments: StatementArguments(values: Array(remaining.prefix(count))))
                remaining = remaining.dropFirst(count)
            }
        }
        guard remaining.isEmpty else {
            throw DatabaseError(
                resultCode: SQLITE_MISUSE, message: "\(remaining.count) statement arguments left unused", sql: sql)
        }
    }

    /// A new prepared statement for the single statement `sql`.
    func makeStatement(sql: String) throws -> Statement {
        var prepared: OpaquePointer?
        var tail: UnsafePointer<CChar>?
        try sql.withCString { text in
            let code = sqlite3_prepare_v2(sqliteConnection, text, -1, &prepared, &tail)
            guard code == SQLITE_OK else { throw DatabaseError(code, on: sqliteConnection, sql: sql) }
            if let tail, tail.pointee != 0, !String(cString: tail).allSatisfy(\.isWhitespace) {
                sqlite3_finalize(prepared)
                throw DatabaseError(
                    resultCode: SQLITE_MISUSE, message: "more than one statement in one prepared statement", sql: sql)
            }
        }
        guard let prepared else {
            throw DatabaseError(resultCode: SQLITE_MISUSE, message: "no statement to prepare", sql: sql)
        }
        return Statement(prepared: prepared, sql: sql)
    }

    /// The statement for `sql`, prepared once per connection: for statements run per row or per build.
    func cachedStatement(sql: String) throws -> Statement {
        if let statement = statementCache[sql] { return statement }
        let statement = try makeStatement(sql: sql)
        statementCache[sql] = statement
        return statement
    }

    /// The rowid of the last row this connection inserted.
    var lastInsertedRowID: Int64 { sqlite3_last_insert_rowid(sqliteConnection) }

    enum TransactionKind: String {
        case deferred = "DEFERRED"
        case immediate = "IMMEDIATE"
    }

    /// Runs `body` in a transaction: committed if it returns, rolled back if it throws. Its three statements
    /// are cached: every read and write of the store runs them.
    func inTransaction<T>(_ kind: TransactionKind, _ body: () throws -> T) throws -> T {
        try cachedStatement(sql: "BEGIN \(kind.rawValue) TRANSACTION").execute()
        let result: T
        do {
            result = try body()
            try cachedStatement(sql: "COMMIT TRANSACTION").execute()
        } catch {
            // A failed statement may already have rolled back (SQLITE_FULL, …): then there is nothing to undo.
            if sqlite3_get_autocommit(sqliteConnection) == 0 {
                try? cachedStatement(sql: "ROLLBACK TRANSACTION").execute()
            }
            throw error
        }
        return result
    }

    /// Copies the write-ahead log into the database file; `.truncate` also empties the log.
    func checkpointTruncatingLog() throws {
        let code = sqlite3_wal_checkpoint_v2(sqliteConnection, nil, SQLITE_CHECKPOINT_TRUNCATE, nil, nil)
        guard code == SQLITE_OK else { throw DatabaseError(code, on: sqliteConnection) }
    }
}
