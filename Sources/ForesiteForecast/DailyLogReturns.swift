import ForesiteCore
import Foundation

/// Daily log returns log(p[t] / p[t − 1]) aligned with a frame's rows, for the statistical models.
///
/// A return only joins two rows one calendar day apart: the first row and a row after a gap in the data
/// get NaN, so no "daily" return silently spans several days.
enum DailyLogReturns {
    /// One value per row of `days`: the return into that row, or NaN where there is none.
    static func of(_ prices: [Double], days: [Day], what: String) throws -> [Double] {
        guard prices.count == days.count else {
            throw ForecastError.horizonMismatch(expected: days.count, got: prices.count)
        }
        var returns = [Double](repeating: .nan, count: prices.count)
        for t in prices.indices {
            guard prices[t] > 0, prices[t].isFinite else {
                throw ForecastError.invalidValue(what: what, value: prices[t])
            }
            if t > 0, days[t - 1].adding(days: 1) == days[t] { returns[t] = log(prices[t] / prices[t - 1]) }
        }
        return returns
    }

    /// The available returns of the last `window` rows (NaN ones dropped), oldest first.
    static func trailing(_ returns: [Double], window: Int) -> [Double] {
        returns[max(returns.count - window, 0)...].filter { !$0.isNaN }
    }
}
