import ForesiteCore
import Foundation

/// Split-conformal prediction intervals, one set of quantiles per horizon, from out-of-sample residuals.
///
/// Calibrated on forecasts the model did not train on (its validation windows, or earlier backtest
/// origins), the interval `point ± q` at level 1 − α covers a new actual with probability ≥ 1 − α as
/// long as the new case is exchangeable with the calibration cases (Vovk et al. 2005; Lei et al. 2018).
/// No distribution is assumed; crypto returns are far from normal, so that matters here.
///
/// `q` is the ⌈(n+1)(1−α)⌉-th smallest of the n nonconformity scores, the finite-sample correction that
/// makes the guarantee exact rather than asymptotic. A level that would need more residuals than exist
/// (⌈(n+1)(1−α)⌉ > n, an infinite interval) is an error rather than a silently unbounded interval.
public struct ConformalCalibration: Hashable, Sendable, Codable {
    /// How a residual is measured, and so how an interval scales.
    public enum Scale: String, Hashable, Sendable, Codable, CaseIterable {
        /// Score |actual − point| in price units; intervals `point ± q`, the same width at every price.
        case absolute
        /// Score |log(actual / point)|; intervals `point·e^−q … point·e^q`. Used for the returns target
        /// mode, whose errors are proportional to the price: a 5 % miss at 250 USD and at 25 USD are the
        /// same event, so calibration residuals from a cheap period still fit an expensive one.
        /// The interval is asymmetric in price (longer upwards) and never below zero.
        case logRatio
    }

    public var scale: Scale
    /// Ascending nominal levels, e.g. [0.8, 0.95].
    public var levels: [Double]
    /// `quantiles[h − 1][i]` is the score quantile for horizon h at `levels[i]`.
    public var quantiles: [[Double]]
    /// Residuals used per horizon (the n of the finite-sample rule).
    public var residualCounts: [Int]

    /// Calibrates from paired forecasts and actuals: `points[c][h − 1]` and `actuals[c][h − 1]` for
    /// calibration case c and horizon h (every case has the same number of horizons).
    public init(points: [[Double]], actuals: [[Double]], levels: [Double], scale: Scale) throws {
        guard points.count == actuals.count else {
            throw ForecastError.horizonMismatch(expected: points.count, got: actuals.count)
        }
        let horizon = points.first?.count ?? 0
        var scores = Array(repeating: [Double](), count: horizon)
        for (point, actual) in zip(points, actuals) {
            guard point.count == horizon, actual.count == horizon else {
                throw ForecastError.horizonMismatch(
                    expected: horizon, got: point.count == horizon ? actual.count : point.count)
            }
            for h in 0..<horizon {
                scores[h].append(try Self.score(point: point[h], actual: actual[h], scale: scale))
            }
        }
        try self.init(scores: scores, levels: levels, scale: scale)
    }

    /// Calibrates from nonconformity scores already measured on `scale`: `scores[h − 1]` for horizon h.
    public init(scores: [[Double]], levels: [Double], scale: Scale) throws {
        for level in levels where !(level > 0 && level < 1) { throw ForecastError.invalidLevel(level) }
        let sortedLevels = levels.sorted()
        self.scale = scale
        self.levels = sortedLevels
        residualCounts = scores.map(\.count)
        quantiles = try scores.enumerated().map { index, horizonScores in
            let sorted = horizonScores.sorted()
            return try sortedLevels.map { level in
                try Self.quantile(sortedScores: sorted, level: level, horizon: index + 1)
            }
        }
    }

    public var horizon: Int { quantiles.count }

    /// The nonconformity score of one forecast.
    public static func score(point: Double, actual: Double, scale: Scale) throws -> Double {
        switch scale {
        case .absolute:
            let score = abs(actual - point)
            guard score.isFinite else { throw ForecastError.invalidValue(what: "residual", value: score) }
            return score
        case .logRatio:
            guard point > 0, point.isFinite else { throw ForecastError.invalidValue(what: "forecast", value: point) }
            guard actual > 0, actual.isFinite else { throw ForecastError.invalidValue(what: "actual", value: actual) }
            return abs(log(actual / point))
        }
    }

    /// The smallest n for which `level` has a finite quantile: ⌈(n+1)·level⌉ ≤ n.
    public static func minimumResiduals(for level: Double) -> Int {
        var n = 1
        while rank(count: n, level: level) > n { n += 1 }
        return n
    }

    /// ⌈(n+1)·level⌉, with a tolerance so that e.g. 20 × 0.95 (not exactly 19 in binary) ranks 19.
    static func rank(count n: Int, level: Double) -> Int {
        Int((Double(n + 1) * level - 1e-9).rounded(.up))
    }

    static func quantile(sortedScores: [Double], level: Double, horizon: Int) throws -> Double {
        let k = rank(count: sortedScores.count, level: level)
        guard k <= sortedScores.count else {
            throw ForecastError.tooFewResiduals(
                horizon: horizon, level: level, needed: minimumResiduals(for: level), available: sortedScores.count)
        }
        return sortedScores[max(k, 1) - 1]
    }

    /// The intervals at every calibrated level around `point` for horizon `h` (1-based).
    public func intervals(around point: Double, horizon h: Int) -> [PredictionInterval] {
        zip(levels, quantiles[h - 1]).map { level, q in
            switch scale {
            case .absolute: return PredictionInterval(level: level, lower: point - q, upper: point + q)
            case .logRatio: return PredictionInterval(level: level, lower: point * exp(-q), upper: point * exp(q))
            }
        }
    }
}
