import ForesiteCore
import Foundation

/// The embedded SQLite store behind every stage: feature groups, run log, forecast ledger, model registry
/// and backtests.
///
/// Files open as a WAL `DatabasePool` so the site build can read while an update writes (every connection
/// enforces foreign keys and waits up to 10 s for another process's write); tests use an in-memory
/// `DatabaseQueue`. All writes of one command go through `write(command:_:)`: one transaction
/// plus its run-log row, so a failure leaves the store exactly as it was.
public final class FeatureStore: Sendable {
    let database: any DatabaseWriter
    /// The store's notion of "today" (future days are rejected, today cannot be complete).
    public let clock: Clock
    /// The store's file; nil for an in-memory store.
    public let path: String?

    /// Opens (creating if needed, with its folder) the store at `path` and applies pending migrations.
    public init(path: String, clock: Clock = .live) throws {
        self.clock = clock
        self.path = path
        do {
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent()
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            database = try DatabasePool(path: path)
            try StoreSchema.migrator.migrate(database)
        } catch let error as DatabaseError {
            throw StoreError.cannotOpen(path: path, reason: error.message ?? "\(error)")
        } catch {
            throw StoreError.cannotOpen(path: path, reason: "\(error.localizedDescription)")
        }
    }

    /// Opens the store the configuration names and creates or updates its feature groups.
    public convenience init(config: Config, clock: Clock = .live) throws {
        try self.init(path: config.store.path, clock: clock)
        try syncGroups(config)
    }

    private init(database: any DatabaseWriter, clock: Clock) throws {
        self.database = database
        self.clock = clock
        path = nil
        try StoreSchema.migrator.migrate(database)
    }

    /// A private in-memory store with the configuration's feature groups, for tests and dry runs.
    public static func inMemory(config: Config = Config(), clock: Clock = .live) throws -> FeatureStore {
        let store = try FeatureStore(database: DatabaseQueue(), clock: clock)
        try store.syncGroups(config)
        return store
    }

    /// Creates missing feature groups for `config` and refreshes descriptions, without a run-log row
    /// (the groups describe the configuration, not a change of data).
    public func syncGroups(_ config: Config) throws {
        try perform("sync feature groups") {
            try database.write { db in try GroupTable.sync(FeatureGroup.all(for: config), in: db) }
        }
    }

    /// Runs `body` in one transaction and records it in the run log as `command`.
    ///
    /// If `body` throws, every write rolls back, a `failed` run row is recorded on its own, and the error is
    /// rethrown (SQLite errors as `StoreError.database`). The outcome is `partial` when rows were rejected.
    /// The body is synchronous: fetch from the network first, then write. Inside it, read through the
    /// `StoreWriter` (connections are not reentrant, so calling the store itself would stop the program).
    public func write<T>(command: String, _ body: (StoreWriter) throws -> T) throws -> T {
        let startedAt = timestamp()
        do {
            return try perform(command) {
                try database.write { db in
                    let writer = try StoreWriter(
                        db: db, command: command, startedAt: startedAt, validator: RowValidator(today: clock.today))
                    let result = try body(writer)
                    try writer.finish(at: timestamp())
                    return result
                }
            }
        } catch {
            try? database.write { db in
                try RunLog.recordFailure(
                    command: command, startedAt: startedAt, finishedAt: timestamp(), message: "\(error)", in: db)
            }
            throw error
        }
    }

    /// Runs a read on a consistent snapshot.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        try perform(operation) { try database.read(body) }
    }

    /// Turns SQLite's errors into `StoreError.database` naming the operation.
    private func perform<T>(_ operation: String, _ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreError.database(command: operation, message: error.message ?? "\(error)")
        }
    }

    /// Now as ISO 8601 UTC to the second, from the store's clock: the format of every `*_at` column, so
    /// callers filling `ModelRecord.createdAt` or `BacktestRecord.createdAt` should use it.
    public func timestamp() -> String {
        clock.now().formatted(.iso8601)
    }
}
