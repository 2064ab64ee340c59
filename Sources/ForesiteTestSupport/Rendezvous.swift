import Foundation

/// A meeting point for `parties` threads: each `arrive` waits until all have arrived, or until the
/// timeout. Work items that meet here prove they ran at the same time: run one after the other, the first
/// would wait alone and time out.
public final class Rendezvous: @unchecked Sendable {
    private let condition = NSCondition()
    private let parties: Int
    private var arrived = 0

    public init(parties: Int) { self.parties = parties }

    /// True if all parties arrived within `timeout` seconds of this one.
    @discardableResult
    public func arrive(timeout: TimeInterval = 30) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        arrived += 1
        condition.broadcast()
        let deadline = Date(timeIntervalSinceNow: timeout)
        while arrived < parties {
            if !condition.wait(until: deadline) { return arrived >= parties }
        }
        return true
    }
}
