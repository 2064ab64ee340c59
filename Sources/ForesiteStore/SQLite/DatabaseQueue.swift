/// One connection, used by one thread at a time: in-memory stores (tests, dry runs) and tests' direct access
/// to a store's file.
final class DatabaseQueue: DatabaseWriter, @unchecked Sendable {
    private let connection: Database
    private let lock = ConnectionLock()

    /// Opens `path`; without one, a private in-memory database.
    init(path: String = ":memory:") throws {
        connection = try Database(path: path)
    }

    /// Writes are refused for the read's length only: the one connection also writes.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try lock.withLock {
            try connection.cachedStatement(sql: "PRAGMA query_only = 1").execute()
            defer { try? connection.cachedStatement(sql: "PRAGMA query_only = 0").execute() }
            return try connection.inTransaction(.deferred) { try body(connection) }
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try lock.withLock { try connection.inTransaction(.immediate) { try body(connection) } }
    }

    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try lock.withLock { try body(connection) }
    }

    /// Closes the connection, so that a test can reopen the file as a store.
    func close() {
        lock.withLock { connection.close() }
    }
}
