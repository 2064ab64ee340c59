import ForesiteCore

extension FeatureFrame {
    /// The `length` rows of `columns` ending on `day`, oldest first: the input of a forecast made after
    /// `day` closed. Throws unless all `length` days are present and consecutive.
    public func window(endingOn day: Day, length: Int, columns wanted: [String]) throws -> [[Double]] {
        let indices = try wanted.map { try index(of: $0) }
        guard let last = days.firstIndex(of: day), last + 1 >= length else {
            throw MLError.notEnoughData(
                needed: length, available: days.firstIndex(of: day).map { $0 + 1 } ?? 0,
                what: "a window ending on \(day)")
        }
        let first = last + 1 - length
        guard days[last].days(since: days[first]) == length - 1 else {
            let present = (first...last).reversed().prefix { days[last].days(since: days[$0]) == last - $0 }.count
            throw MLError.notEnoughData(
                needed: length, available: present, what: "consecutive days in the window ending on \(day)")
        }
        return rows[first...last].map { row in indices.map { row[$0] } }
    }

    /// `window(endingOn:)` for the newest day of the frame.
    public func latestWindow(length: Int, columns wanted: [String]) throws -> (lastDay: Day, rows: [[Double]]) {
        guard let day = days.last else {
            throw MLError.notEnoughData(needed: length, available: 0, what: "a window")
        }
        return (day, try window(endingOn: day, length: length, columns: wanted))
    }
}
