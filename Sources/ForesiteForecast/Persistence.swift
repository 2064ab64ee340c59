import ForesiteCore
import Foundation

/// The reference forecast every model is scored against (Architecture.md, "Invariants worth knowing"): the latest known
/// price for every horizon, with quantiles from how far the price has moved over h days in the past.
///
/// This is the forecast hubs' baseline (CDC FluSight, the Hubverse): the median of horizon h is the
/// reference (the origin's close) exactly; its quantiles are the empirical quantiles (linear
/// interpolation, R's type 7) of the past h-day log changes log(target[t + h] / reference[t]),
/// **symmetrised** (each change and its negative), so the distribution is centred on "no change" and
/// the median stays at the last price whatever the recent trend. A value is `reference × exp(q)`.
///
/// Only origins t whose h-day-later value was known at the forecast origin count (day t + h on or
/// before it), and only pairs of days exactly h apart: a gap in the data drops a change rather than
/// stretching it over more days.
public struct Persistence: Hashable, Sendable, Codable {
    /// The default trailing window: 365 days of past origins per horizon. A year holds calm and
    /// turbulent months alike, so the 95 % interval is not set by the last few quiet weeks, yet it lets
    /// the width follow the market's changing volatility from one year to the next rather than being
    /// pinned to the whole history. Symmetrised, it gives 730 values: 18 in each 2.5 % tail.
    public static let defaultWindow = 365
    /// The default least number of changes (before symmetrising) a horizon needs: with fewer, the
    /// 95 % bounds would be the extreme values of a handful of days.
    public static let defaultMinimumChanges = 20

    /// Trailing days of past origins t (t + h ≤ origin) whose h-day change is used.
    public var window: Int
    /// Changes a horizon needs; fewer throws `ForecastError.tooLittleHistory`.
    public var minimumChanges: Int
    /// Central interval levels, ascending.
    public var levels: [Double]

    public init(
        window: Int = Persistence.defaultWindow, minimumChanges: Int = Persistence.defaultMinimumChanges,
        levels: [Double] = QuantileForecast.standardLevels
    ) {
        self.window = window
        self.minimumChanges = minimumChanges
        self.levels = levels.sorted()
    }

    /// The forecasts for horizons 1…`horizon` made at row `origin`.
    ///
    /// - Parameters:
    ///   - days: the rows' days, ascending (a frame's `days`).
    ///   - reference: the latest known price per row: the target instrument's close.
    ///   - target: the forecast field per row (the close itself, or the open).
    ///   - origin: the row index of the origin; no row after it is read.
    public func forecast(
        days: [Day], reference: [Double], target: [Double], origin: Int, horizon: Int
    ) throws -> [QuantileForecast] {
        guard horizon >= 1 else {
            throw ForecastError.invalidSetting(name: "horizon", value: "\(horizon)", reason: "must be at least 1")
        }
        guard days.indices.contains(origin), reference.count == days.count, target.count == days.count else {
            throw ForecastError.horizonMismatch(expected: days.count, got: min(reference.count, target.count))
        }
        let latest = reference[origin]
        guard latest > 0, latest.isFinite else { throw ForecastError.invalidValue(what: "reference", value: latest) }
        return try (1...horizon).map { h in
            let changes = try logChanges(days: days, reference: reference, target: target, origin: origin, horizon: h)
            guard changes.count >= minimumChanges else {
                throw ForecastError.tooLittleHistory(
                    method: "persistence (horizon \(h))", needed: minimumChanges, available: changes.count)
            }
            let symmetric = (changes + changes.map { -$0 }).sorted()
            let intervals = levels.map { level in
                // The upper bound's quantile; the lower one is its negative, the set being symmetric.
                let q = Self.empiricalQuantile(sorted: symmetric, probability: (1 + level) / 2)
                return PredictionInterval(level: level, lower: latest * exp(-q), upper: latest * exp(q))
            }
            return QuantileForecast(median: latest, intervals: intervals)
        }
    }

    /// The h-day log changes log(target[t + h] / reference[t]) for the days t in the `window` days up to
    /// origin − h whose day t + h is in the data, oldest first.
    public func logChanges(
        days: [Day], reference: [Double], target: [Double], origin: Int, horizon h: Int
    ) throws -> [Double] {
        let lastStart = days[origin].adding(days: -h)
        let firstStart = lastStart.adding(days: 1 - window)
        var changes: [Double] = []
        // Walk back from the origin to the first row of the window; the end of a pair is at most h rows
        // after its start (fewer when days are missing), so it is found by a short search.
        var start = origin
        while start >= 0, days[start] > lastStart { start -= 1 }
        var first = start
        while first > 0, days[first - 1] >= firstStart { first -= 1 }
        guard start >= 0, days[first] >= firstStart else { return [] }
        for t in first...start {
            let endDay = days[t].adding(days: h)
            guard let end = (t + 1...min(t + h, origin)).first(where: { days[$0] == endDay }) else { continue }
            let from = reference[t]
            let to = target[end]
            guard from > 0, from.isFinite else { throw ForecastError.invalidValue(what: "reference", value: from) }
            guard to > 0, to.isFinite else { throw ForecastError.invalidValue(what: "target", value: to) }
            changes.append(log(to / from))
        }
        return changes
    }

    /// The empirical quantile with linear interpolation between order statistics (Hyndman & Fan 1996
    /// type 7, R's and NumPy's default): position (n − 1)·p in the sorted values.
    public static func empiricalQuantile(sorted values: [Double], probability p: Double) -> Double {
        precondition(!values.isEmpty, "the empirical quantile of no values")
        let position = Double(values.count - 1) * min(max(p, 0), 1)
        let lower = Int(position.rounded(.down))
        let upper = min(lower + 1, values.count - 1)
        return values[lower] + (position - Double(lower)) * (values[upper] - values[lower])
    }
}
