import ForesiteCore

/// Date-axis ticks that adapt to the span: days for a week, weeks for a month or two, months for a year,
/// quarters, then years for long histories. Ticks sit on calendar boundaries (Mondays, 1st of the month,
/// 1 January) so they read naturally.
public enum DateTicks {
    public struct Tick: Hashable, Sendable {
        public var day: Day
        public var label: String
    }

    /// The calendar step a tick sequence uses.
    public enum Step: Hashable, Sendable {
        case days(Int)
        case weeks(Int)
        case months(Int)
        case years(Int)
    }

    static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// The finest step that yields at most `maxCount` ticks between `from` and `to`.
    public static func step(from: Day, to: Day, maxCount: Int) -> Step {
        let span = max(1, to.days(since: from))
        let candidates: [(Step, Double)] = [
            (.days(1), 1), (.days(2), 2), (.weeks(1), 7), (.weeks(2), 14), (.months(1), 30.44),
            (.months(2), 60.9), (.months(3), 91.3), (.months(6), 182.6), (.years(1), 365.25),
            (.years(2), 730.5), (.years(5), 1826), (.years(10), 3652),
        ]
        for (step, days) in candidates where Double(span) / days <= Double(max(1, maxCount - 1)) {
            return step
        }
        return .years(25)
    }

    /// Ticks on calendar boundaries within `from…to`, labelled for their step.
    public static func ticks(from: Day, to: Day, maxCount: Int = 6) -> [Tick] {
        guard from <= to else { return [] }
        let step = step(from: from, to: to, maxCount: maxCount)
        var days: [Day] = []
        switch step {
        case .days(let n):
            var day = from
            while day <= to {
                days.append(day)
                day = day.adding(days: n)
            }
        case .weeks(let n):
            // 1970-01-01 was a Thursday; day 4 was the first Monday.
            let offset = ((from.daysSinceEpoch - 4) % 7 + 7) % 7
            var day = offset == 0 ? from : from.adding(days: 7 - offset)
            while day <= to {
                days.append(day)
                day = day.adding(days: 7 * n)
            }
        case .months(let n):
            var (year, month, dayOfMonth) = from.components
            if dayOfMonth != 1 { (year, month) = advance(year: year, month: month, by: 1) }
            while (month - 1) % n != 0 { (year, month) = advance(year: year, month: month, by: 1) }
            while let day = Day(iso: iso(year, month, 1)), day <= to {
                days.append(day)
                (year, month) = advance(year: year, month: month, by: n)
            }
        case .years(let n):
            let (fromYear, fromMonth, fromDay) = from.components
            var year = fromMonth == 1 && fromDay == 1 ? fromYear : fromYear + 1
            year = Int((Double(year) / Double(n)).rounded(.up)) * n
            while let day = Day(iso: iso(year, 1, 1)), day <= to {
                days.append(day)
                year += n
            }
        }
        return days.enumerated().map { index, day in
            Tick(day: day, label: label(day, step: step, isFirst: index == 0))
        }
    }

    /// "6 Jan" for day and week steps, "Mar" or "Jan 2025" for months (the year on the first tick and each
    /// January), "2025" for years.
    static func label(_ day: Day, step: Step, isFirst: Bool) -> String {
        let (year, month, dayOfMonth) = day.components
        switch step {
        case .days, .weeks:
            return "\(dayOfMonth) \(monthNames[month - 1])"
        case .months:
            return isFirst || month == 1 ? "\(monthNames[month - 1]) \(year)" : monthNames[month - 1]
        case .years:
            return "\(year)"
        }
    }

    private static func advance(year: Int, month: Int, by months: Int) -> (Int, Int) {
        let index = year * 12 + (month - 1) + months
        return (index / 12, index % 12 + 1)
    }

    private static func iso(_ year: Int, _ month: Int, _ day: Int) -> String {
        let y = String(year)
        let m = month < 10 ? "0\(month)" : "\(month)"
        let d = day < 10 ? "0\(day)" : "\(day)"
        return "\(String(repeating: "0", count: max(0, 4 - y.count)))\(y)-\(m)-\(d)"
    }
}
