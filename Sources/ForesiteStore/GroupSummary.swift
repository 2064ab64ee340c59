import ForesiteCore

/// The state of one feature group, as `foresite status` and the data-quality page show it.
public struct GroupSummary: Hashable, Sendable {
    public var group: FeatureGroup
    public var rows: Int
    public var firstDay: Day?
    public var lastDay: Day?
    public var lastCompleteDay: Day?
    /// Days between the first and last stored day that have no row (gaps in the source).
    public var missingDays: [Day]
    /// Stored days that had not closed when fetched; the next update replaces them.
    public var incompleteDays: [Day]
    /// When the last command that did not fail wrote to or checked this group (ISO 8601 UTC).
    public var lastUpdate: String?
    /// Complete days missing between the last complete day and yesterday (0 when up to date).
    public var daysBehind: Int?
    /// Rows validation refused for this group, over every run in the run log.
    public var rejectedRows: Int = 0
}
