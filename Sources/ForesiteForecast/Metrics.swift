import ForesiteML

/// Point and interval accuracy of a set of forecasts, in price units.
///
/// Built only from non-empty outcome sets (`score` returns nil for none), so every non-optional field is
/// defined. The optional ones can be undefined even with data, and are nil rather than NaN or a crash:
/// MAPE when an actual is zero, MASE when the scale is zero or unknown, R² when the actuals are
/// constant, directional accuracy never (it is defined for any non-empty set).
public struct Metrics: Hashable, Sendable, Codable {
    public var count: Int
    /// Mean absolute error.
    public var mae: Double
    /// Root mean squared error.
    public var rmse: Double
    /// Mean absolute percentage error in percent; nil if any actual is zero (a price of zero is bad data,
    /// and dropping those cases would score a different set than MAE does).
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
        let actuals = outcomes.map(\.actual)
        // MAE, RMSE, MAPE and R² exactly as `train` reports them on its test window, so the two agree.
        let price = PriceMetrics(predicted: [outcomes.map(\.predicted)], actual: [actuals])
        let n = Double(outcomes.count)
        var symmetricSum = 0.0
        var sameDirection = 0
        for outcome in outcomes {
            let denominator = abs(outcome.actual) + abs(outcome.predicted)
            if denominator > 0 { symmetricSum += 2 * abs(outcome.error) / denominator }
            if direction(outcome.predicted - outcome.originValue) == direction(outcome.actual - outcome.originValue) {
                sameDirection += 1
            }
        }
        var mase: Double?
        if let naiveScale, naiveScale > 0, naiveScale.isFinite { mase = price.mae / naiveScale }
        return Metrics(
            count: outcomes.count,
            mae: price.mae,
            rmse: price.rmse,
            mape: actuals.contains(0) ? nil : price.mape,
            smape: 100 * symmetricSum / n,
            mase: mase,
            r2: actuals.min() == actuals.max() ? nil : price.r2,
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
