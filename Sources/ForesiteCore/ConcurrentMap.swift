import Dispatch
import Foundation

extension Array where Element: Sendable {
    /// `map` with the elements spread over at most `parallelism.jobs` threads (the caller's and helpers
    /// borrowed from the shared budget), results in the input's order.
    ///
    /// For independent, deterministic work such as trainings: each result is computed by exactly one
    /// thread and written to its own slot, so the output does not depend on scheduling or on the number
    /// of jobs. If several elements throw, the error of the first of them (by index) is rethrown, also
    /// independent of scheduling. Typed throws: a transform that cannot throw makes a map that cannot.
    ///
    /// Threads, not a task group: trainings are synchronous CPU work called from synchronous code, and a
    /// nested map blocking a cooperative-pool thread could starve the pool; plain threads with a shared
    /// budget bound the total by `--jobs` at any nesting depth.
    public func concurrentMap<T: Sendable, Failure: Error>(
        in parallelism: Parallelism = .allCores, _ transform: @escaping @Sendable (Element) throws(Failure) -> T
    ) throws(Failure) -> [T] {
        let helpers = count > 1 ? parallelism.borrow(upTo: count - 1) : 0
        guard helpers > 0 else { return try map(transform) }
        let queue = WorkQueue(count: count, helpers: helpers)
        let slots = ResultSlots<T, Failure>(count: count)
        let elements = self
        let work: @Sendable () -> Void = {
            while let index = queue.next() {
                slots.set(index, Result { () throws(Failure) -> T in try transform(elements[index]) })
            }
            // The first `helpers` threads to run out of work give their job back at once, so that a
            // map nested in a still-running item can use it.
            if queue.finishedWorkerGivesBack() { parallelism.giveBack() }
        }
        let done = DispatchGroup()
        for _ in 0..<helpers {
            done.enter()
            let thread = Thread {
                work()
                done.leave()
            }
            thread.name = "foresite-worker"
            thread.start()
        }
        work()
        done.wait()
        return try slots.values()
    }
}

/// Hands out the indices 0..<count, each once, and counts the threads that ran out of them.
private final class WorkQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var nextIndex = 0
    private var finished = 0
    private let count: Int
    private let helpers: Int

    init(count: Int, helpers: Int) {
        self.count = count
        self.helpers = helpers
    }

    func next() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard nextIndex < count else { return nil }
        nextIndex += 1
        return nextIndex - 1
    }

    /// True for the first `helpers` threads that finish: as many jobs as the map borrowed.
    func finishedWorkerGivesBack() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        finished += 1
        return finished <= helpers
    }
}

/// One result slot per work item, filled from concurrent threads under a lock.
private final class ResultSlots<T: Sendable, Failure: Error>: @unchecked Sendable {
    private var results: [Result<T, Failure>?]
    private let lock = NSLock()

    init(count: Int) { results = Array(repeating: nil, count: count) }

    func set(_ index: Int, _ result: Result<T, Failure>) {
        lock.lock()
        defer { lock.unlock() }
        results[index] = result
    }

    func values() throws(Failure) -> [T] {
        lock.lock()
        defer { lock.unlock() }
        var values: [T] = []
        values.reserveCapacity(results.count)
        for result in results { values.append(try result!.get()) }
        return values
    }
}
