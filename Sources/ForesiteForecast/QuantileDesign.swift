/// A quantile regression's data in the layout its iteration reads: the n × d regressors column by column
/// (each column's n values contiguous, so the weighted cross products run down them in vector lanes), the
/// n responses, and each column's sum Xᵀ1 (which no weight changes). Fits that share the data (the quantile
/// levels of one `QuantileARModel` horizon) share one design.
struct QuantileDesign: Sendable {
    /// n, the rows.
    let count: Int
    /// d, the regressors, the intercept's column of ones first.
    let width: Int
    /// Column j is `columns[j * count ..< (j + 1) * count]`.
    let columns: [Double]
    let y: [Double]
    /// Σᵢ xᵢⱼ per column, summed over eight lanes.
    let columnSums: [Double]

    /// - Parameters:
    ///   - columns: n × d regressors, column-major, with column 0 all ones.
    ///   - y: n responses.
    init(columns: [Double], width d: Int, y: [Double]) {
        let n = y.count
        precondition(columns.count == n * d, "an n × d design")
        count = n
        width = d
        self.columns = columns
        self.y = y
        columnSums = columns.withUnsafeBufferPointer { columns in
            (0..<d).map { j in Self.sum(columns.baseAddress! + j * n, count: n) }
        }
    }

    /// The design of n × d regressors `x` given row-major (with 1 in column 0 of every row).
    init(rows x: [Double], width d: Int, y: [Double]) {
        let n = y.count
        precondition(x.count == n * d, "an n × d design")
        var columns = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            for j in 0..<d { columns[j * n + i] = x[i * d + j] }
        }
        self.init(columns: columns, width: d, y: y)
    }

    /// Σ aᵢ over eight lanes.
    static func sum(_ a: UnsafePointer<Double>, count n: Int) -> Double {
        var lanes = SIMD8<Double>()
        var i = 0
        while i + 8 <= n {
            lanes += UnsafeRawPointer(a + i).loadUnaligned(as: SIMD8<Double>.self)
            i += 8
        }
        var total = lanes.sum()
        while i < n {
            total += a[i]
            i += 1
        }
        return total
    }
}
