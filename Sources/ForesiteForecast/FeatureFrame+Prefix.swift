import ForesiteCore
import ForesiteML

extension FeatureFrame {
    /// The rows up to and including `day`: what was known at the end of that day.
    ///
    /// Every forecast and every training in this module goes through this cut, so a later row cannot
    /// reach a forecast made at `day` (the no-look-ahead tests change every later value to check it).
    public func prefix(through day: Day) -> FeatureFrame {
        let end = days.partitionPoint { $0 > day }
        if end == days.count { return self }
        return FeatureFrame(
            days: Array(days[..<end]), columns: columns, rows: Array(rows[..<end]),
            filledDays: filledDays.filter { $0 <= day })
    }

    /// The values of `column` on every day, oldest first.
    public func values(of column: String) throws -> [Double] {
        let index = try index(of: column)
        return rows.map { $0[index] }
    }

    /// The row index of `day`, if the frame has it.
    public func rowIndex(of day: Day) -> Int? {
        let index = days.partitionPoint { $0 >= day }
        return index < days.count && days[index] == day ? index : nil
    }
}

extension Array {
    /// The first index whose element satisfies `predicate`, for a predicate that is false then true
    /// along the array (binary search).
    func partitionPoint(where predicate: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let middle = (low + high) / 2
            if predicate(self[middle]) { high = middle } else { low = middle + 1 }
        }
        return low
    }
}
