import ForesiteCore

/// How far back each chart and table of the pages looks, counted back from the newest stored day.
///
/// The pages show fixed windows so that building the site does not grow with the length of the stored
/// history (issue 7, "Scale"): the loader reads prices and readings only `days(historyDays:)` back, and only
/// the CSV downloads, which read `HistorySource`, cover every stored day.
public enum DisplayWindow {
    /// The rebased trend chart (SOL vs the market) and the Fear & Greed history: the last two years.
    public static let trendDays = 730
    /// Days of history the correlation heatmap correlates.
    public static let correlationDays = 365

    /// Days a page may show, given the price chart's `historyDays` (from the config).
    public static func days(historyDays: Int) -> Int {
        max(historyDays, trendDays, correlationDays + 1)
    }

    /// The first day the pages may show when the newest stored day is `last`.
    public static func firstDay(through last: Day, historyDays: Int) -> Day {
        last.adding(days: 1 - days(historyDays: historyDays))
    }

    /// The items (ascending by day) from `days` days before `last` on: a window in calendar days, not in
    /// rows, so that content loaded from that day on and the full history give the same page.
    static func suffix<T>(_ items: [T], days: Int, through last: Day, day: (T) -> Day) -> ArraySlice<T> {
        let first = last.adding(days: 1 - days)
        var start = items.endIndex
        while start > items.startIndex && day(items[start - 1]) >= first { start -= 1 }
        return items[start...]
    }
}
