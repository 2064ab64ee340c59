import Foundation

/// How many threads may compute at once (`--jobs N`): one budget shared by every `concurrentMap` given
/// it, however deeply they nest (a backtest's retrainings, each retraining's ensemble members).
///
/// The thread that calls a map always counts as one job. A map borrows helper threads from the budget,
/// at most `jobs − 1` across the whole process, and gives each back as soon as that helper finds no more
/// work; a map that finds the budget empty runs its items on the calling thread. So a nested map (the
/// members of one retraining) gets a helper only when a job is idle, and never waits for one: the total
/// stays at most `jobs` and nothing can deadlock. A class because the budget is shared state.
public final class Parallelism: @unchecked Sendable {
    /// The most threads that compute at once.
    public let jobs: Int
    private let lock = NSLock()
    private var spare: Int

    /// `jobs` below 1 is taken as 1.
    public init(jobs: Int) {
        self.jobs = max(jobs, 1)
        spare = self.jobs - 1
    }

    /// The default: the cores this process may use (`ProcessInfo.activeProcessorCount`).
    public static let allCores = Parallelism(jobs: ProcessInfo.processInfo.activeProcessorCount)

    /// Takes up to `wanted` helpers from the budget; returns how many it got (maybe 0). Public for work
    /// that runs side by side outside `concurrentMap` (the targets of a `run`); each must be given back.
    public func borrow(upTo wanted: Int) -> Int {
        lock.lock()
        defer { lock.unlock() }
        let granted = min(max(wanted, 0), spare)
        spare -= granted
        return granted
    }

    /// Returns one helper to the budget.
    public func giveBack() {
        lock.lock()
        defer { lock.unlock() }
        spare += 1
    }
}
