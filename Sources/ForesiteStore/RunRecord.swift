/// One command as the run log remembers it: what ran, when, how it ended and what it changed per group.
public struct RunRecord: Hashable, Sendable {
    public enum Outcome: String, Hashable, Sendable {
        case ok
        /// Finished, but some rows were rejected.
        case partial
        /// Threw; nothing it wrote was kept.
        case failed
    }

    /// Counts of one group's rows in one run.
    public struct Change: Hashable, Sendable {
        public var group: String
        public var inserted: Int
        public var updated: Int
        public var unchanged: Int
        public var rejected: Int

        public init(group: String, inserted: Int, updated: Int, unchanged: Int, rejected: Int) {
            self.group = group
            self.inserted = inserted
            self.updated = updated
            self.unchanged = unchanged
            self.rejected = rejected
        }
    }

    public var id: Int64
    public var command: String
    /// ISO 8601 UTC.
    public var startedAt: String
    public var finishedAt: String?
    public var outcome: Outcome
    public var message: String
    public var changes: [Change]
    /// The rows this run refused, in the order they were met (the data-quality page lists them).
    public var rejections: [Rejection]
}
