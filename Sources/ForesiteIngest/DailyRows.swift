import ForesiteCore

/// A row keyed by its UTC day, as every source delivers them.
protocol DailyRow: Equatable {
    var day: Day { get }
}

extension FearGreedReading: DailyRow {}
extension CryptoCompareDay: DailyRow {}

/// Puts a source's rows into the one shape the rest of Foresite expects: ascending by day, one row per day.
///
/// Out-of-order rows are sorted (order carries no meaning in these formats) and exact repeats are dropped
/// (overlapping pages repeat their boundary day), but the same day with *different* values is an error:
/// Foresite cannot know which one is right, and silently picking one would corrupt the store.
enum DailyRows {
    static func normalised<Row: DailyRow>(_ rows: [Row], source: String, status: Int? = nil) throws -> [Row] {
        let sorted = rows.enumerated().sorted { lhs, rhs in
            lhs.element.day != rhs.element.day ? lhs.element.day < rhs.element.day : lhs.offset < rhs.offset
        }
        var result: [Row] = []
        result.reserveCapacity(rows.count)
        for (_, row) in sorted {
            if let last = result.last, last.day == row.day {
                guard last == row else {
                    throw IngestError(
                        source: source, reason: .conflictingDuplicate(day: row.day.iso), httpStatus: status)
                }
                continue
            }
            result.append(row)
        }
        return result
    }
}
