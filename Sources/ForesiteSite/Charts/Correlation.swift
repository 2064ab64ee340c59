import Foundation

/// Pearson correlation, for the heatmap on the data page.
public enum Correlation {
    /// r of two equally long series; NaN when either is constant or shorter than 3.
    public static func pearson(_ a: [Double], _ b: [Double]) -> Double {
        let count = min(a.count, b.count)
        guard count >= 3 else { return .nan }
        let meanA = a.prefix(count).reduce(0, +) / Double(count)
        let meanB = b.prefix(count).reduce(0, +) / Double(count)
        var covariance = 0.0
        var varianceA = 0.0
        var varianceB = 0.0
        for index in 0..<count {
            let da = a[index] - meanA
            let db = b[index] - meanB
            covariance += da * db
            varianceA += da * da
            varianceB += db * db
        }
        guard varianceA > 0, varianceB > 0 else { return .nan }
        return covariance / (varianceA * varianceB).squareRoot()
    }

    /// The full matrix of `series` (each already aligned on the same days).
    public static func matrix(_ series: [[Double]]) -> [[Double]] {
        series.indices.map { row in
            series.indices.map { column in row == column ? 1 : pearson(series[row], series[column]) }
        }
    }
}
