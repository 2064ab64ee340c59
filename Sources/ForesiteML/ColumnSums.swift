/// Column sums of a row-major matrix: the bias gradients (sum of dL/dz over the rows of a batch).
enum ColumnSums {
    @inline(__always)
    static func compute(
        _ matrix: UnsafePointer<Float>, rows: Int, columns: Int, into result: UnsafeMutablePointer<Float>
    ) {
        result.update(repeating: 0, count: columns)
        for row in 0..<rows {
            let values = matrix + row * columns
            for column in 0..<columns {
                result[column] += values[column]
            }
        }
    }
}
