import ForesiteCore

/// The second baseline: Hyndman's drift method on the latest known prices, with persistence's spread.
///
/// The median of horizon h is the line through the first and last of the last `window` reference
/// prices (the target instrument's closes), extended h days: its slope is the mean one-step change over
/// the window, less sensitive to a single outlier day than the last change alone, and needs no fitting.
/// Its quantiles are persistence's, moved so that they centre on that line (`recentred(on:)`): the
/// same symmetrised distribution of past h-day changes, so drift and persistence differ only in where
/// they put the middle, and a difference in their scores is the trend's doing.
public struct Drift: Hashable, Sendable, Codable {
    /// Observations the line spans (at least 2).
    public var window: Int
    /// Where the spread comes from.
    public var persistence: Persistence

    public init(window: Int, persistence: Persistence = Persistence()) {
        self.window = window
        self.persistence = persistence
    }

    /// The drift line for horizons 1…`horizon` from `history` (oldest first, the origin's value last).
    public func line(history: some BidirectionalCollection<Double>, horizon: Int) throws -> [Double] {
        guard horizon >= 1 else {
            throw ForecastError.invalidSetting(name: "horizon", value: "\(horizon)", reason: "must be at least 1")
        }
        guard window >= 2 else {
            throw ForecastError.invalidSetting(
                name: "drift window", value: "\(window)", reason: "must span at least 2 observations")
        }
        guard history.count >= window, let last = history.last else {
            throw ForecastError.tooLittleHistory(method: "drift(\(window))", needed: window, available: history.count)
        }
        let first = history[history.index(history.endIndex, offsetBy: -window)]
        let slope = (last - first) / Double(window - 1)
        return (1...horizon).map { last + slope * Double($0) }
    }

    /// The forecasts for horizons 1…`horizon` at row `origin`; the arguments are persistence's.
    public func forecast(
        days: [Day], reference: [Double], target: [Double], origin: Int, horizon: Int
    ) throws -> [QuantileForecast] {
        let medians = try line(history: reference[...origin], horizon: horizon)
        let spread = try persistence.forecast(
            days: days, reference: reference, target: target, origin: origin, horizon: horizon)
        return zip(spread, medians).map { $0.recentred(on: $1) }
    }
}
