import ForesiteCore

/// Pure functions from data to `ChartFigure`s (Architecture.md, "Invariants worth knowing"): no I/O, no
/// clock, same input → same bytes.
public enum Chart {
    /// A candle's forecast field: its open for `open`, else its close.
    static func value(of field: String) -> (Candle) -> Double {
        field == "open" ? { $0.open } : { $0.close }
    }

    /// Percent label for interval levels: 0.8 → "80 %".
    static func levelLabel(_ level: Double) -> String { NumberFormat.percent(level) }

    /// CSS class suffix for a level: 0.8 → "l80", so the stylesheet can colour each band.
    static func levelClass(_ level: Double) -> String { "l" + NumberFormat.compact(level * 100, decimals: 1) }

    /// Keeps at most `limit` points of a dated series (LTTB, extremes kept), for display only.
    static func thin<T>(_ items: [T], limit: Int, day: (T) -> Day, value: (T) -> Double) -> [T] {
        guard items.count > limit else { return items }
        let xs = items.map { Double(day($0).daysSinceEpoch) }
        let ys = items.map(value)
        return Downsampling.lttb(x: xs, y: ys, threshold: limit).map { items[$0] }
    }
}
