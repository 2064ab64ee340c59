import Foundation

/// The one place Foresite reads the time, so tests and `--now DAY` can move it.
public struct Clock: Sendable {
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date) {
        self.now = now
    }

    public static let live = Clock(now: { Date() })

    /// A clock stopped at `date`.
    public static func fixed(_ date: Date) -> Clock { Clock(now: { date }) }

    /// A clock stopped at 12:00 UTC of `day` (midday, so that `today` is `day` and it is still open).
    public static func at(_ day: Day, secondsIntoDay: Int = 43_200) -> Clock {
        fixed(Date(timeIntervalSince1970: TimeInterval(day.timestamp + secondsIntoDay)))
    }

    /// The current UTC day, which has not closed yet.
    public var today: Day { Day(containing: now()) }
}
