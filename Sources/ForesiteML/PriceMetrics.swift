/// Forecast accuracy in price units over every (window, horizon step) pair.
public struct PriceMetrics: Hashable, Sendable, Codable {
    /// Mean absolute error (USD).
    public let mae: Double
    /// Root mean squared error (USD).
    public let rmse: Double
    /// Mean absolute percentage error, in percent.
    public let mape: Double
    /// Coefficient of determination against the mean of the actual values (scikit-learn's `r2_score`
    /// on the flattened values).
    public let r2: Double
    public let count: Int

    public init(predicted: [[Double]], actual: [[Double]]) {
        let pairs = zip(predicted, actual).flatMap { zip($0, $1) }
        let n = Double(max(pairs.count, 1))
        var absolute = 0.0
        var squared = 0.0
        var percentage = 0.0
        var actualSum = 0.0
        for (p, a) in pairs {
            absolute += abs(p - a)
            squared += (p - a) * (p - a)
            percentage += abs((p - a) / a)
            actualSum += a
        }
        let mean = actualSum / n
        let total = pairs.reduce(0.0) { $0 + ($1.1 - mean) * ($1.1 - mean) }
        mae = absolute / n
        rmse = (squared / n).squareRoot()
        mape = 100 * percentage / n
        r2 = total == 0 ? 0 : 1 - squared / total
        count = pairs.count
    }
}
