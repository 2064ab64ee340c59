import Foundation

/// A database that serializes its connections' use: `DatabaseQueue` (one connection) or `DatabasePool`
/// (WAL: one writer beside any number of readers).
///
/// Access is not reentrant: code inside `read` or `write` must use the `Database` it was given, never the
/// writer again (that would wait on itself, so it stops the program instead).
protocol DatabaseWriter: AnyObject, Sendable {
    /// Runs `body` on a consistent snapshot (one read transaction) that refuses writes.
    func read<T>(_ body: (Database) throws -> T) throws -> T
    /// Runs `body` in one immediate transaction: committed if it returns, rolled back if it throws.
    func write<T>(_ body: (Database) throws -> T) throws -> T
    /// Runs `body` on the writer's connection outside any transaction (migrations, checkpoints).
    func writeWithoutTransaction<T>(_ body: (Database) throws -> T) throws -> T
}

/// A lock that knows its holder, so that a thread asking again for what it holds stops with a message
/// instead of waiting forever.
final class ConnectionLock: @unchecked Sendable {
    private let lock = NSLock()
    private let holderLock = NSLock()
    private var holder: pthread_t?

    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        let thread = pthread_self()
        holderLock.lock()
        let reentrant = holder.map { pthread_equal($0, thread) != 0 } ?? false
        holderLock.unlock()
        precondition(!reentrant, "a database access inside another on the same connection would wait on itself")
        lock.lock()
        holderLock.lock()
        holder = thread
        holderLock.unlock()
        defer {
            holderLock.lock()
            holder = nil
            holderLock.unlock()
            lock.unlock()
        }
        return try body()
    }
}
