import ForesiteCore

/// A row that was not stored, and why; shown on the data-quality page and kept in the run log.
public struct Rejection: Hashable, Sendable, CustomStringConvertible {
    public var group: String
    public var day: Day
    public var reason: String

    public init(group: String, day: Day, reason: String) {
        self.group = group
        self.day = day
        self.reason = reason
    }

    /// `solana 2024-03-02: high 9.0 is below max(open, close) 10.0`.
    public var description: String { "\(group) \(day): \(reason)" }
}
