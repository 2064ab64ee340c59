/// One day of a generic daily series (a CSV source's row): a value per named column, and whether the day
/// had ended when it was fetched. The row of a feature group whose columns the configuration names.
public struct DailyValues: Hashable, Sendable, Codable {
    public var day: Day
    /// Values by column name (`mm`, `temp`), as configured.
    public var values: [String: Double]
    /// False for a day that had not ended when fetched (today's UTC day): stored flagged, never trained on.
    public var complete: Bool

    public init(day: Day, values: [String: Double], complete: Bool = true) {
        self.day = day
        self.values = values
        self.complete = complete
    }
}
