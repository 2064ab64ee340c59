import ForesiteCore

extension SiteContent {
    /// What one feature group holds: rows, range, gaps and how fresh it is.
    public struct FeatureGroupSummary: Hashable, Sendable {
        /// Group name, e.g. `solana` or `fear_greed`; also names its CSV download.
        public var name: String
        public var description: String
        public var rows: Int
        public var firstDay: Day?
        public var lastDay: Day?
        /// Calendar days between first and last without a row.
        public var missingDays: Int
        /// Rows stored while their day was still open.
        public var incompleteDays: Int

        public init(
            name: String, description: String, rows: Int, firstDay: Day?, lastDay: Day?, missingDays: Int,
            incompleteDays: Int
        ) {
            self.name = name
            self.description = description
            self.rows = rows
            self.firstDay = firstDay
            self.lastDay = lastDay
            self.missingDays = missingDays
            self.incompleteDays = incompleteDays
        }

        /// Whole days between the last stored day and `asOf` (0 = up to date); nil without rows.
        public func staleness(asOf: Day) -> Int? {
            lastDay.map { asOf.days(since: $0) }
        }
    }

    /// A row the validation step refused, and why.
    public struct ValidationRejection: Hashable, Sendable {
        public var group: String
        public var day: Day?
        public var reason: String

        public init(group: String, day: Day?, reason: String) {
            self.group = group
            self.day = day
            self.reason = reason
        }
    }
}
