import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteCore

@Suite struct ConcurrentMapTests {
    struct Failure: Error, Equatable { var index: Int }

    @Test func resultsKeepTheInputOrder() throws {
        let squares = Array(0..<200).concurrentMap { $0 * $0 }
        #expect(squares == (0..<200).map { $0 * $0 })
        #expect([Int]().concurrentMap { $0 }.isEmpty)
        for jobs in [1, 2, 7] {
            #expect(Array(0..<200).concurrentMap(in: Parallelism(jobs: jobs)) { $0 * $0 } == squares)
        }
    }

    @Test(arguments: [1, 2, 3])
    func theFirstFailureByIndexIsRethrown(jobs: Int) {
        #expect(throws: Failure(index: 3)) {
            try Array(0..<50).concurrentMap(in: Parallelism(jobs: jobs)) { index in
                if index == 3 || index == 40 { throw Failure(index: index) }
                return index
            }
        }
    }

    /// Two items that wait for each other finish only if they run at the same time.
    @Test func twoJobsRunTwoItemsAtOnce() throws {
        let meeting = Rendezvous(parties: 2)
        let met = [0, 1].concurrentMap(in: Parallelism(jobs: 2)) { _ in meeting.arrive() }
        #expect(met == [true, true])
    }

    /// However maps nest, no more than `jobs` items run at once, every job gets used, and the budget is
    /// whole again afterwards.
    @Test(arguments: [1, 2, 3])
    func nestedMapsShareOneBudget(jobs: Int) throws {
        let parallelism = Parallelism(jobs: jobs)
        let gauge = ConcurrencyGauge()
        let sums = Array(0..<6).concurrentMap(in: parallelism) { outer in
            Array(0..<4).concurrentMap(in: parallelism) { inner in
                gauge.measure { Thread.sleep(forTimeInterval: 0.02) }
                return outer * 10 + inner
            }.reduce(0, +)
        }
        #expect(sums == (0..<6).map { 40 * $0 + 6 })
        #expect(gauge.peak <= jobs)
        #expect(gauge.peak == jobs)
        #expect(parallelism.borrow(upTo: jobs) == jobs - 1)
    }
}

@Suite struct ConcurrentReleaseTests {
    /// Each element's last reference is the array's: both are freed, and (they wait for each other while
    /// being freed) at the same time.
    @Test func theElementsAreFreedSideBySide() {
        let meeting = Rendezvous(parties: 2)
        let freed = FreedLog()
        var values = [0, 1].map { Freed(id: $0, meeting: meeting, log: freed) }
        values.removeAllConcurrently(in: Parallelism(jobs: 2))
        #expect(values.isEmpty)
        #expect(freed.entries.map(\.id).sorted() == [0, 1])
        #expect(freed.entries.allSatisfy { $0.met }, "both freed at once")
    }

    @Test func oneJobFreesThemAllOnTheCallingThread() {
        let freed = FreedLog()
        var values = (0..<5).map { Freed(id: $0, meeting: nil, log: freed) }
        values.removeAllConcurrently(in: Parallelism(jobs: 1))
        #expect(values.isEmpty)
        #expect(freed.entries.map(\.id).sorted() == Array(0..<5))
    }
}

/// Records its own freeing in `log`, after meeting the other values at `meeting` if there is one.
private final class Freed: Sendable {
    let id: Int
    let meeting: Rendezvous?
    let log: FreedLog

    init(id: Int, meeting: Rendezvous?, log: FreedLog) {
        self.id = id
        self.meeting = meeting
        self.log = log
    }

    deinit { log.append(id: id, met: meeting?.arrive(timeout: 60) ?? true) }
}

private final class FreedLog: @unchecked Sendable {
    private let lock = NSLock()
    private var recorded: [(id: Int, met: Bool)] = []

    func append(id: Int, met: Bool) { lock.withLock { recorded.append((id, met)) } }

    var entries: [(id: Int, met: Bool)] { lock.withLock { recorded } }
}

/// The most `measure` calls seen running at once.
private final class ConcurrencyGauge: @unchecked Sendable {
    private let lock = NSLock()
    private var running = 0
    private var highest = 0

    func measure(_ body: () -> Void) {
        lock.withLock {
            running += 1
            highest = max(highest, running)
        }
        body()
        lock.withLock { running -= 1 }
    }

    var peak: Int { lock.withLock { highest } }
}
