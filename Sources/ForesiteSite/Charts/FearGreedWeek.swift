import ForesiteCore

/// One calendar week (Monday to Sunday) of Fear & Greed readings: its mean and its range.
///
/// Over months and years the daily index swings too fast to read as a line. The history chart draws the
/// weekly mean as its line and each week's lowest-to-highest reading as a light band, so the trend reads
/// at a glance and no extreme disappears (which thinning the daily line would risk).
struct FearGreedWeek: Equatable {
    /// The first and last days with a reading in the week.
    let first: Day
    let last: Day
    let mean: Double
    let low: Int
    let high: Int

    /// Where the week sits on a time axis: halfway between its first and last reading.
    var middle: Double { Double(first.daysSinceEpoch + last.daysSinceEpoch) / 2 }

    /// The class of the weekly mean, by the same bands as a single reading.
    var classification: FearGreedClass { FearGreedClass(value: Int(mean.rounded())) }

    /// Readings (ascending by day) grouped into Monday-to-Sunday weeks, oldest first.
    static func weeks(_ readings: some Sequence<FearGreedReading>) -> [FearGreedWeek] {
        var weeks: [FearGreedWeek] = []
        var current: [FearGreedReading] = []
        func close() {
            guard let first = current.first, let last = current.last else { return }
            let values = current.map(\.value)
            weeks.append(
                FearGreedWeek(
                    first: first.day, last: last.day, mean: Double(values.reduce(0, +)) / Double(values.count),
                    low: values.min()!, high: values.max()!))
            current.removeAll(keepingCapacity: true)
        }
        for reading in readings {
            if let first = current.first, weekNumber(reading.day) != weekNumber(first.day) { close() }
            current.append(reading)
        }
        close()
        return weeks
    }

    /// Weeks since the Monday before 1970-01-01 (a Thursday).
    static func weekNumber(_ day: Day) -> Int {
        let shifted = day.daysSinceEpoch + 3
        return shifted >= 0 ? shifted / 7 : (shifted - 6) / 7
    }
}
