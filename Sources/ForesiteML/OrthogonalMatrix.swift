import ForesiteCore

/// Keras's `Orthogonal` initialiser: the Q of a QR decomposition of a Gaussian matrix, sign-corrected
/// so that R's diagonal is positive, transposed when the matrix is wider than tall.
///
/// Modified Gram–Schmidt in Double computes exactly that Q (it yields R with a positive diagonal),
/// and is plenty accurate for the 120 × 30 case.
enum OrthogonalMatrix {
    /// A `rows × columns` row-major matrix whose rows (if rows ≤ columns) or columns are orthonormal.
    static func rows(_ rows: Int, columns: Int, using generator: inout SeededGenerator) -> [Double] {
        let tall = max(rows, columns)
        let narrow = min(rows, columns)
        // Gaussian `tall × narrow`, stored column by column for Gram–Schmidt.
        var q = [[Double]](repeating: [], count: narrow)
        for column in 0..<narrow {
            q[column] = (0..<tall).map { _ in generator.nextGaussian() }
        }
        for column in 0..<narrow {
            for previous in 0..<column {
                var dot = 0.0
                for k in 0..<tall { dot += q[previous][k] * q[column][k] }
                for k in 0..<tall { q[column][k] -= dot * q[previous][k] }
            }
            var norm = 0.0
            for k in 0..<tall { norm += q[column][k] * q[column][k] }
            norm = norm.squareRoot()
            for k in 0..<tall { q[column][k] /= norm }
        }
        var result = [Double](repeating: 0, count: rows * columns)
        for r in 0..<rows {
            for c in 0..<columns {
                // Q is tall × narrow; when rows < columns Keras uses Qᵀ.
                result[r * columns + c] = rows >= columns ? q[c][r] : q[r][c]
            }
        }
        return result
    }
}
