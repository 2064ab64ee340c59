/// A per-column affine scaling fitted on the training split only, as scikit-learn's scalers.
///
/// `minMax` maps each column's training range onto 0…1 (`MinMaxScaler`, used for the features and
/// for seed-mode price targets); `standard` subtracts the mean and divides by the population standard
/// deviation (`StandardScaler`). Returns-mode targets use `standard` with a zero mean and the root mean
/// square as the unit (`fitRootMeanSquare`), so that an output of zero decodes to "no change". A
/// constant column gets a unit range instead of a division by zero, as scikit-learn does.
public enum Scaler: Hashable, Sendable {
    case minMax(minimum: [Double], maximum: [Double])
    case standard(mean: [Double], deviation: [Double])

    /// Fits a MinMax scaler on rows of `columns` values each.
    public static func fitMinMax(rows: some Sequence<[Double]>, columns: Int) -> Scaler {
        var minimum = [Double](repeating: .infinity, count: columns)
        var maximum = [Double](repeating: -.infinity, count: columns)
        for row in rows {
            for column in 0..<columns {
                minimum[column] = min(minimum[column], row[column])
                maximum[column] = max(maximum[column], row[column])
            }
        }
        return .minMax(minimum: minimum, maximum: maximum)
    }

    /// Fits a standard scaler (population deviation, like scikit-learn) on rows of `columns` values each.
    public static func fitStandard(rows: [[Double]], columns: Int) -> Scaler {
        var mean = [Double](repeating: 0, count: columns)
        var deviation = [Double](repeating: 0, count: columns)
        guard !rows.isEmpty else { return .standard(mean: mean, deviation: deviation.map { _ in 1 }) }
        for row in rows {
            for column in 0..<columns { mean[column] += row[column] }
        }
        for column in 0..<columns { mean[column] /= Double(rows.count) }
        for row in rows {
            for column in 0..<columns {
                let difference = row[column] - mean[column]
                deviation[column] += difference * difference
            }
        }
        for column in 0..<columns { deviation[column] = (deviation[column] / Double(rows.count)).squareRoot() }
        return .standard(mean: mean, deviation: deviation)
    }

    /// Fits a scale-only scaler: mean fixed at zero, unit = root mean square of each column.
    ///
    /// Used for returns-mode targets: centring on the training split's mean return would make a zero
    /// output mean "the training period's trend continues" (for SOL in 2021–2023, several per cent over
    /// ten days) instead of the naive "no change", and bias every forecast made in a different regime.
    public static func fitRootMeanSquare(rows: [[Double]], columns: Int) -> Scaler {
        var squares = [Double](repeating: 0, count: columns)
        for row in rows {
            for column in 0..<columns { squares[column] += row[column] * row[column] }
        }
        let count = Double(max(rows.count, 1))
        return .standard(
            mean: [Double](repeating: 0, count: columns), deviation: squares.map { ($0 / count).squareRoot() })
    }

    public var columns: Int {
        switch self {
        case .minMax(let minimum, _): minimum.count
        case .standard(let mean, _): mean.count
        }
    }

    /// Offset and unit of `column`: scaled = (x − offset) / unit.
    @inline(__always)
    func affine(_ column: Int) -> (offset: Double, unit: Double) {
        switch self {
        case .minMax(let minimum, let maximum):
            let range = maximum[column] - minimum[column]
            return (minimum[column], range == 0 ? 1 : range)
        case .standard(let mean, let deviation):
            return (mean[column], deviation[column] == 0 ? 1 : deviation[column])
        }
    }

    public func transform(_ value: Double, column: Int) -> Double {
        let (offset, unit) = affine(column)
        return (value - offset) / unit
    }

    public func inverse(_ scaled: Double, column: Int) -> Double {
        let (offset, unit) = affine(column)
        return scaled * unit + offset
    }

    public func transform(row: [Double]) -> [Double] {
        row.indices.map { transform(row[$0], column: $0) }
    }

    public func inverse(row: [Double]) -> [Double] {
        row.indices.map { inverse(row[$0], column: $0) }
    }
}
