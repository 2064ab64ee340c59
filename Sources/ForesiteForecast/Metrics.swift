/// Point and interval accuracy of a set of forecasts, in price units.
///
/// Built only from non-empty outcome sets (`score` returns nil for none), so every non-optional field is
/// defined. The optional ones can be undefined even with data, and are nil rather than NaN or a crash:
/// MAPE when every actual is zero, MASE when the scale is zero or unknown, R² when the actuals are
/// constant, directional accuracy never (it is defined for any non-empty set).
public struct Metrics: Hashable, Sendable, Codable {
    public var count: Int
    /// Mean absolute error.
    public var mae: Double
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute percentage error in percent, over the outcomes whose actual is non-zero.
    public var mape: Double?
    /// Symmetric MAPE in percent: mean of 200·|F − A| / (|A| + |F|), with 0 when both are zero.
    public var smape: Double
    /// Mean absolute scaled error: MAE divided by the in-sample one-step naive MAE (Hyndman & Koehler 2006).
    /// Below 1 means better than the one-step random walk did in sample.
    public var mase: Double?
    /// Coefficient of determination 1 − SSres/SStot around the actuals' mean.
    public var r2: Double?
    /// Share of outcomes whose forecast change from the origin value has the sign of the actual change
    /// (−, 0 or +). The naive forecast predicts "no change", so it scores only on days that did not move.
    public var directionalAccuracy: Double
    /// One entry per interval level present in every outcome, ascending by level.
    public var intervals: [IntervalAccuracy]

    /// Scores `outcomes`; nil when there are none.
    ///
    /// - Parameter naiveScale: the in-sample mean absolute one-step change of the target (see
    ///   `Metrics.naiveScale(of:)`); MASE is nil when it is nil, zero or not finite.
    public static func score(_ outcomes: [ForecastOutcome], naiveScale: Double?) -> Metrics? {
        guard !outcomes.isEmpty else { return nil }
        let n = Double(outcomes.count)
        var absoluteSum = 0.0
        var squaredSum = 0.0
        var percentSum = 0.0
        var percentCount = 0
        var symmetricSum = 0.0
        var sameDirection = 0
        var actualSum = 0.0
        for outcome in outcomes {
            let error = outcome.error
            absoluteSum += abs(error)
            squaredSum += error * error
            if outcome.actual != 0 {
                percentSum += abs(error / outcome.actual)
                percentCount += 1
            }
            let denominator = abs(outcome.actual) + abs(outcome.predicted)
            if denominator > 0 { symmetricSum += 2 * abs(error) / denominator }
            if direction(outcome.predicted - outcome.originValue) == direction(outcome.actual - outcome.originValue) {
                sameDirection += 1
            }
            actualSum += outcome.actual
        }
        let mae = absoluteSum / n
        let mean = actualSum / n
        let totalSquares = outcomes.reduce(0.0) { $0 + ($1.actual - mean) * ($1.actual - mean) }
        var mase: Double?
        if let naiveScale, naiveScale > 0, naiveScale.isFinite { mase = mae / naiveScale }
        return Metrics(
            count: outcomes.count,
            mae: mae,
            rmse: (squaredSum / n).squareRoot(),
            mape: percentCount > 0 ? 100 * percentSum / Double(percentCount) : nil,
            smape: 100 * symmetricSum / n,
            mase: mase,
            r2: totalSquares > 0 ? 1 - squaredSum / totalSquares : nil,
            directionalAccuracy: Double(sameDirection) / n,
            intervals: IntervalAccuracy.score(outcomes))
    }

    /// −1, 0 or +1.
    private static func direction(_ change: Double) -> Int { change > 0 ? 1 : change < 0 ? -1 : 0 }

    /// The MASE denominator: mean |y[t] − y[t−1]| over `series` (the training period, oldest first);
    /// nil with fewer than two values.
    public static func naiveScale(of series: some Collection<Double>) -> Double? {
        guard series.count >= 2 else { return nil }
        var sum = 0.0
        var previous: Double?
        for value in series {
            if let previous { sum += abs(value - previous) }
            previous = value
        }
        return sum / Double(series.count - 1)
    }
}
