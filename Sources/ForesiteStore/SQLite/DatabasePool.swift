import CSQLite
import Foundation

/// A file database in WAL mode: one writer connection and a reader connection per concurrent read, so the
/// site build can read while an update writes (readers see the last commit before their read began).
final class DatabasePool: DatabaseWriter, @unchecked Sendable {
    let path: String
    private let writer: Database
    private let writerLock = ConnectionLock()
    private let readersLock = NSLock()
    /// Reader connections not in use, opened on demand and kept for the next read.
    private var idleReaders: [Database] = []

    init(path: String) throws {
        self.path = path
        writer = try Database(path: path)
        let mode = try String.fetchOne(writer, sql: "PRAGMA journal_mode = WAL")
        guard mode == "wal" else {
            throw DatabaseError(
                resultCode: SQLITE_ERROR, message: "could not switch \(path) to WAL mode (it is \(mode ?? "?"))")
        }
        // In WAL mode a commit is durable at the next checkpoint, which an application crash cannot lose.
        try writer.execute(sql: "PRAGMA synchronous = NORMAL")
    }

    func read<T>(_ body: (Database) throws -> T) throws -> T {
        let reader = try takeReader()
        defer { returnReader(reader) }
        return try reader.inTransaction(.deferred) { try body(reader) }
    }

    func write<T>(_ body: (Database) throws -> T) throws -> T {
        try writerLock.withLock { try writer.inTransaction(.immediate) { try body(writer) } }
    }

    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T {
        try writerLock.withLock { try body(writer) }
    }

    /// An idle reader, or a new one: a reader refuses writes for its whole life (it only ever reads).
    private func takeReader() throws -> Database {
        readersLock.lock()
        let idle = idleReaders.popLast()
        readersLock.unlock()
        if let idle { return idle }
        let reader = try Database(path: path)
        try reader.execute(sql: "PRAGMA query_only = 1")
        return reader
    }

    private func returnReader(_ reader: Database) {
        readersLock.lock()
        idleReaders.append(reader)
        readersLock.unlock()
    }
}
