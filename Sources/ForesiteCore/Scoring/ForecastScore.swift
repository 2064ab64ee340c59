/// The scores of one quantile forecast against the value that happened: the one implementation the
/// backtest, the live ledger, the registry and the site all use.
///
/// All are negatively oriented (lower is better) and in the target's units, so they average across days.
public enum ForecastScore {
    /// The interval score of a central (1 − α) interval: its width plus 2/α times how far the actual
    /// falls outside (Gneiting & Raftery 2007, eq. 43). Narrow intervals win only if they are right.
    public static func intervalScore(_ interval: PredictionInterval, actual: Double) -> Double {
        let alpha = 1 - interval.level
        let below = max(interval.lower - actual, 0)
        let above = max(actual - interval.upper, 0)
        return interval.width + 2 / alpha * (below + above)
    }

    /// The weighted interval score (Bracher, Ray, Gneiting & Reich 2021, eq. 2): the median's absolute
    /// error weighted 1/2 plus each of the K intervals' score weighted α_k/2, divided by K + 1/2.
    ///
    /// With the 50/80/95 % intervals it approximates the continuous ranked probability score, and for a
    /// forecast with no intervals it is the absolute error of the median.
    public static func weightedIntervalScore(_ forecast: QuantileForecast, actual: Double) -> Double {
        var total = 0.5 * abs(actual - forecast.median)
        for interval in forecast.intervals {
            total += (1 - interval.level) / 2 * intervalScore(interval, actual: actual)
        }
        return total / (Double(forecast.intervals.count) + 0.5)
    }
}
