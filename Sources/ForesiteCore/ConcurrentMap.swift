import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` with the elements spread over every core, results in the input's order.
    ///
    /// For independent, deterministic work such as trainings: each result is computed by exactly one
    /// thread and written to its own slot, so the output does not depend on scheduling. If several
    /// elements throw, the error of the first of them (by index) is rethrown, also independent of
    /// scheduling.
    public func concurrentMap<T: Sendable>(_ transform: @Sendable (Element) throws -> T) throws -> [T] {
        let slots = ResultSlots<T>(count: count)
        withoutActuallyEscaping(transform) { transform in
            DispatchQueue.concurrentPerform(iterations: count) { index in
                slots.set(index, Result { try transform(self[index]) })
            }
        }
        return try slots.values()
    }
}

/// One result slot per work item, filled from concurrent threads under a lock.
private final class ResultSlots<T: Sendable>: @unchecked Sendable {
    private var results: [Result<T, any Error>?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, any Error>) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = result
    }

    func values() throws -> [T] {
        lock.lock()
        defer { lock.unlock() }
        return try results.map { try $0!.get() }
    }
}
