/// A forecast distribution for one target day, as the forecast hubs publish it: the median and the
/// central intervals whose bounds are the other quantiles (the 50 % interval's bounds are the 0.25 and
/// 0.75 quantiles, the 80 %'s the 0.1 and 0.9, the 95 %'s the 0.025 and 0.975).
///
/// Every model (the LSTM, persistence, drift) produces one per horizon; the ledger, the backtest
/// archive, the scorer and the site all use this one value.
public struct QuantileForecast: Hashable, Sendable, Codable {
    /// The central interval levels every model publishes: 50, 80 and 95 %.
    public static let standardLevels = [0.5, 0.8, 0.95]
    /// The seven quantile levels those intervals and the median stand for.
    public static let standardQuantileLevels = [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975]

    /// The 0.5 quantile.
    public var median: Double
    /// Central intervals, ascending by level.
    public var intervals: [PredictionInterval]

    public init(median: Double, intervals: [PredictionInterval]) {
        self.median = median
        // The ledger's rows come in order: no sorted copy for each of them.
        self.intervals = intervals.sortedIfNeeded { $0.level < $1.level }
    }

    /// The interval of `level` (e.g. 0.8), if the forecast has one.
    public func interval(level: Double) -> PredictionInterval? {
        intervals.first { abs($0.level - level) < 1e-9 }
    }

    /// Every quantile the forecast states, ascending by level: (1 − level)/2 and (1 + level)/2 of each
    /// interval, and the median at 0.5.
    public var quantiles: [(level: Double, value: Double)] {
        var result = [(level: 0.5, value: median)]
        for interval in intervals {
            result.append((level: Self.roundedLevel((1 - interval.level) / 2), value: interval.lower))
            result.append((level: Self.roundedLevel((1 + interval.level) / 2), value: interval.upper))
        }
        return result.sorted { $0.level < $1.level }
    }

    /// The value at quantile `level` (e.g. 0.025), if the forecast states it. The first match in
    /// `quantiles` order, found without building that array: the ledger's CSV and the hub export ask
    /// for every level of every forecast on each build.
    public func value(atQuantile level: Double) -> Double? {
        if abs(0.5 - level) < 1e-9 { return median }
        for interval in intervals {
            if abs(Self.roundedLevel((1 - interval.level) / 2) - level) < 1e-9 { return interval.lower }
            if abs(Self.roundedLevel((1 + interval.level) / 2) - level) < 1e-9 { return interval.upper }
        }
        return nil
    }

    /// Calls `body` with `value(atQuantile:)` of each of `standardQuantileLevels`, in order. When the
    /// intervals are exactly the standard ones (as the ledger stores them) the values are read off them
    /// without that search: the ledger's chain check asks for all seven of every row on every build.
    public func forEachStandardQuantile(_ body: (Double?) -> Void) {
        let levels = Self.standardLevels
        guard intervals.count == levels.count, zip(intervals, levels).allSatisfy({ $0.level == $1 }) else {
            for level in Self.standardQuantileLevels { body(value(atQuantile: level)) }
            return
        }
        // The quantile levels ascend: the widest interval's lower bound first, the median, then the upper bounds.
        for interval in intervals.reversed() { body(interval.lower) }
        body(median)
        for interval in intervals { body(interval.upper) }
    }

    /// True when the quantiles never decrease with their level (wider intervals contain narrower ones
    /// and every interval contains the median).
    public var isNonCrossing: Bool {
        let values = quantiles.map(\.value)
        return zip(values, values.dropFirst()).allSatisfy { $0 <= $1 }
    }

    /// `(1 − 0.95)/2` is 0.025000000000000022 in binary; quantile levels are named to 1e-9.
    static func roundedLevel(_ level: Double) -> Double { (level * 1e9).rounded() / 1e9 }

    /// "0.025", "0.1", "0.5": the key a quantile level is written under in JSON and CSV.
    public static func label(quantile level: Double) -> String {
        var text = String(roundedLevel(level))
        while text.hasSuffix("0") && text.contains(".") && !text.hasSuffix(".0") { text.removeLast() }
        return text
    }
}
