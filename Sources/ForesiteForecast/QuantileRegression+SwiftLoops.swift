/// The row loops `QuantileRegression.Kernels.swift` runs, for any CPU: the same sums in the same order as
/// `CQuantileRegression`'s AVX2 loops, so both give the same bits.
extension QuantileRegression {
    /// Four dot products of one weighted column with four partners.
    struct Pass {
        /// j: the weighted column, and the row of the normal equations the sums belong to.
        let row: Int
        /// The first sum's partner: column `first`, or y when `first` is `row` + 1.
        let first: Int
        /// How many of the four sums are wanted; a short pass repeats its last partner.
        let count: Int
        let partners: Partners
    }

    typealias Partners = (UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>, UnsafePointer<Double>)

    /// Row j of the lower triangle and of the right-hand side: the weighted column j against columns
    /// 0…j and y, four partners a pass (one load of the weighted column for four sums).
    static func passes(columns: UnsafePointer<Double>, y: UnsafePointer<Double>, count n: Int, width d: Int)
        -> [Pass]
    {
        (0..<d).flatMap { j in
            let partners = (0...j).map { columns + $0 * n } + [y]
            let last = partners.count - 1
            return stride(from: 0, to: partners.count, by: 4).map { first in
                let partner = { (offset: Int) in partners[min(first + offset, last)] }
                return Pass(
                    row: j, first: first, count: min(4, partners.count - first),
                    partners: (partner(0), partner(1), partner(2), partner(3)))
            }
        }
    }

    /// One pass over the rows for the residuals uᵢ = yᵢ − Σⱼ bⱼxᵢⱼ (subtracted in column order), the
    /// weights 1/(ε + |uᵢ|), and the weighted columns wᵢxᵢⱼ, four rows at a time.
    static func weigh(
        columns: UnsafePointer<Double>, y: UnsafePointer<Double>, coefficients b: UnsafePointer<Double>,
        count n: Int, width d: Int, epsilon: Double, into weighted: UnsafeMutablePointer<Double>
    ) {
        var i = 0
        while i &+ 4 <= n {
            var residual = UnsafeRawPointer(y + i).loadUnaligned(as: SIMD4<Double>.self)
            for j in 0..<d {
                let column = UnsafeRawPointer(columns + (j &* n &+ i)).loadUnaligned(as: SIMD4<Double>.self)
                residual -= SIMD4(repeating: b[j]) * column
            }
            let magnitude = SIMD4(abs(residual[0]), abs(residual[1]), abs(residual[2]), abs(residual[3]))
            let weight = SIMD4(repeating: 1) / (SIMD4(repeating: epsilon) + magnitude)
            for j in 0..<d {
                let column = UnsafeRawPointer(columns + (j &* n &+ i)).loadUnaligned(as: SIMD4<Double>.self)
                UnsafeMutableRawPointer(weighted + (j &* n &+ i)).storeBytes(
                    of: weight * column, as: SIMD4<Double>.self)
            }
            i &+= 4
        }
        while i < n {
            var residual = y[i]
            for j in 0..<d { residual -= b[j] * columns[j &* n &+ i] }
            let weight = 1 / (epsilon + abs(residual))
            for j in 0..<d { weighted[j &* n &+ i] = weight * columns[j &* n &+ i] }
            i &+= 1
        }
    }

    /// Σ aᵢbᵢ for four vectors b at once: lane l of each sum accumulates the products at i ≡ l (mod 4) in
    /// increasing i, the four lanes are summed (`SIMD4.sum()`), and the last n mod 4 products added in order.
    static func dots(_ a: UnsafePointer<Double>, _ b: Partners, count n: Int) -> SIMD4<Double> {
        let (b0, b1, b2, b3) = b
        var (s0, s1, s2, s3) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var i = 0
        while i &+ 4 <= n {
            let left = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Double>.self)
            s0 += left * UnsafeRawPointer(b0 + i).loadUnaligned(as: SIMD4<Double>.self)
            s1 += left * UnsafeRawPointer(b1 + i).loadUnaligned(as: SIMD4<Double>.self)
            s2 += left * UnsafeRawPointer(b2 + i).loadUnaligned(as: SIMD4<Double>.self)
            s3 += left * UnsafeRawPointer(b3 + i).loadUnaligned(as: SIMD4<Double>.self)
            i &+= 4
        }
        var sums = SIMD4(s0.sum(), s1.sum(), s2.sum(), s3.sum())
        while i < n {
            sums += SIMD4(a[i] * b0[i], a[i] * b1[i], a[i] * b2[i], a[i] * b3[i])
            i &+= 1
        }
        return sums
    }
}
