import Foundation

/// Waiting and the monotonic time it is measured against, as a seam: `.live` really sleeps, `.virtual`
/// only records the waits and advances its own time, so retry tests take microseconds and can assert
/// exactly how long the code would have waited.
public struct Sleeper: Sendable {
    public var sleep: @Sendable (Double) async throws -> Void
    /// Seconds on a monotonic clock; only differences are meaningful.
    public var uptime: @Sendable () -> Double

    public init(
        sleep: @escaping @Sendable (Double) async throws -> Void, uptime: @escaping @Sendable () -> Double
    ) {
        self.sleep = sleep
        self.uptime = uptime
    }

    public static let live = Sleeper(
        sleep: { seconds in
            guard seconds > 0 else { return }
            try await Task.sleep(nanoseconds: UInt64(seconds * 1e9))
        },
        uptime: { ProcessInfo.processInfo.systemUptime })

    /// A sleeper that never waits: each sleep is appended to `record` and advances `record`'s clock.
    public static func virtual(_ record: VirtualTime) -> Sleeper {
        Sleeper(sleep: { record.advance(by: $0) }, uptime: { record.now })
    }
}

/// The clock and log of waits behind `Sleeper.virtual`.
public final class VirtualTime: @unchecked Sendable {
    private let lock = NSLock()
    private var elapsed = 0.0
    private var waits: [Double] = []

    public init() {}

    /// Every wait requested so far, in order.
    public var sleeps: [Double] { lock.withLock { waits } }
    public var now: Double { lock.withLock { elapsed } }

    func advance(by seconds: Double) {
        lock.withLock {
            waits.append(seconds)
            elapsed += seconds
        }
    }
}
