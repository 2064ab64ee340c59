import Foundation

/// The Diebold–Mariano test (Diebold & Mariano 1995) of whether two forecasters' mean losses differ,
/// from the series of loss differences d_t on the same origins, in time order.
///
/// An h-step forecast's errors overlap for h − 1 days, so the d_t are autocorrelated; the variance of
/// their mean is the Newey–West (1987) long-run variance with Bartlett weights up to lag h − 1, which
/// is never negative. The statistic is compared with the standard normal, two-sided.
public enum DieboldMariano {
    public struct Result: Hashable, Sendable {
        /// Mean difference over its HAC standard error.
        public var statistic: Double
        /// Two-sided p-value under the standard normal.
        public var pValue: Double
        public var count: Int
        public var lag: Int
    }

    /// The test of `differences` (model loss − baseline loss, oldest first) with HAC lag `lag`; nil when
    /// there are fewer than two differences or they do not vary (no evidence either way).
    public static func test(differences: [Double], lag: Int) -> Result? {
        let n = differences.count
        guard n >= 2 else { return nil }
        let mean = differences.reduce(0, +) / Double(n)
        let centred = differences.map { $0 - mean }
        func autocovariance(_ k: Int) -> Double {
            var sum = 0.0
            for t in k..<n { sum += centred[t] * centred[t - k] }
            return sum / Double(n)
        }
        let maxLag = min(max(lag, 0), n - 1)
        var variance = autocovariance(0)
        if maxLag > 0 {
            for k in 1...maxLag {
                variance += 2 * (1 - Double(k) / Double(maxLag + 1)) * autocovariance(k)
            }
        }
        guard variance > 0, variance.isFinite else { return nil }
        let statistic = mean / (variance / Double(n)).squareRoot()
        return Result(statistic: statistic, pValue: erfc(abs(statistic) / 2.0.squareRoot()), count: n, lag: maxLag)
    }
}
