/// Linear quantile regression with a small ridge penalty: the coefficients b minimising
/// (1/n) Σᵢ ρ_τ(yᵢ − xᵢ·b) + `ridge` Σⱼ≥₁ b²ⱼ, where ρ_τ(u) = u·(τ − 1{u < 0}) is the pinball (check) loss
/// and column 0 of x is the unpenalised intercept.
///
/// Solved by Hunter & Lange's (2000) majorise–minimise iteration: at the current residuals uᵢ, ρ_τ is
/// majorised by the quadratic ¼[u²/(ε + |uᵢ|) + (4τ − 2)u], so each step is one weighted ridge
/// least-squares solve, (XᵀWX + 4nλI′) b = XᵀWy + (2τ − 1) Xᵀ1 with W = diag(1/(ε + |uᵢ|)), and the
/// ε-smoothed objective never increases. It is deterministic, needs no step size, and stops when no
/// coefficient moves by more than `tolerance` (in the units of y) or after `maxIterations` steps;
/// the minimiser it finds is within about nε/2 of the exact pinball minimum's loss.
struct QuantileRegression: Sendable {
    var ridge = 1e-3
    /// The smoothing of |u| near 0, in the units of y.
    var epsilon = 1e-3
    var tolerance = 1e-5
    var maxIterations = 60

    /// The coefficients for quantile level `tau`, starting from `start` (d values).
    /// - Parameters:
    ///   - x: n × d regressors, row-major, with 1 in column 0 of every row.
    ///   - y: n responses.
    ///
    /// Each step's sums run down the design's columns (a column-major copy) in vector lanes: the d(d+1)/2
    /// weighted cross products are independent dot products, which a row-at-a-time loop cannot vectorise.
    func fit(x: [Double], columns d: Int, y: [Double], tau: Double, start: [Double]) -> [Double] {
        let n = y.count
        precondition(x.count == n * d && start.count == d, "an n × d design and d starting coefficients")
        var design = [Double](repeating: 0, count: n * d)
        for i in 0..<n {
            for j in 0..<d { design[j * n + i] = x[i * d + j] }
        }
        let tilt = 2 * tau - 1
        // (2τ − 1) Xᵀ1 does not depend on the weights.
        let tilted = (0..<d).map { j in
            tilt * design.withUnsafeBufferPointer { Self.sum($0.baseAddress! + j * n, count: n) }
        }
        let penalty = 4 * Double(n) * ridge
        var b = start
        var matrix = [Double](repeating: 0, count: d * d)
        var rhs = [Double](repeating: 0, count: d)
        var residuals = [Double](repeating: 0, count: n)
        var weighted = [Double](repeating: 0, count: n * d)
        design.withUnsafeBufferPointer { design in
            y.withUnsafeBufferPointer { y in
                residuals.withUnsafeMutableBufferPointer { residuals in
                    weighted.withUnsafeMutableBufferPointer { weighted in
                        let columns = design.baseAddress!
                        let wx = weighted.baseAddress!
                        // Row j of the lower triangle and of the right-hand side is the weighted column j
                        // against columns 0…j and y, summed four at a time (one load of it for four sums);
                        // a short last group repeats its last vector.
                        let groups = (0..<d).map { j in
                            let partners = (0...j).map { columns + $0 * n } + [y.baseAddress!]
                            let last = partners.count - 1
                            return stride(from: 0, to: partners.count, by: 4).map { first in
                                (first, min(4, partners.count - first), (0..<4).map { partners[min(first + $0, last)] })
                            }
                        }
                        for _ in 0..<maxIterations {
                            for i in 0..<n { residuals[i] = y[i] }
                            for j in 0..<d {
                                let coefficient = b[j]
                                let column = columns + j * n
                                for i in 0..<n { residuals[i] -= coefficient * column[i] }
                            }
                            // The weights 1/(ε + |uᵢ|), applied to every column once.
                            for i in 0..<n { residuals[i] = 1 / (epsilon + abs(residuals[i])) }
                            for j in 0..<d {
                                let column = columns + j * n
                                let out = wx + j * n
                                for i in 0..<n { out[i] = residuals[i] * column[i] }
                            }
                            for j in 0..<d {
                                for (first, count, vectors) in groups[j] {
                                    let sums = Self.dots(wx + j * n, vectors, count: n)
                                    for offset in 0..<count {
                                        let k = first + offset
                                        if k <= j { matrix[j * d + k] = sums[offset] } else { rhs[j] = sums[offset] }
                                    }
                                }
                                rhs[j] += tilted[j]
                            }
                            for j in 1..<max(d, 1) { matrix[j * d + j] += penalty }
                            guard let next = Self.solveSymmetric(matrix, rhs, size: d) else { break }
                            let change = zip(next, b).map { abs($0 - $1) }.max() ?? 0
                            b = next
                            if change < tolerance { break }
                        }
                    }
                }
            }
        }
        return b
    }

    /// Σ aᵢbᵢ for four vectors b at once (`b` holds four pointers), each over four lanes in a fixed order.
    static func dots(_ a: UnsafePointer<Double>, _ b: [UnsafePointer<Double>], count n: Int) -> SIMD4<Double> {
        let (b0, b1, b2, b3) = (b[0], b[1], b[2], b[3])
        var (s0, s1, s2, s3) = (SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>(), SIMD4<Double>())
        var i = 0
        while i + 4 <= n {
            let left = UnsafeRawPointer(a + i).loadUnaligned(as: SIMD4<Double>.self)
            s0 += left * UnsafeRawPointer(b0 + i).loadUnaligned(as: SIMD4<Double>.self)
            s1 += left * UnsafeRawPointer(b1 + i).loadUnaligned(as: SIMD4<Double>.self)
            s2 += left * UnsafeRawPointer(b2 + i).loadUnaligned(as: SIMD4<Double>.self)
            s3 += left * UnsafeRawPointer(b3 + i).loadUnaligned(as: SIMD4<Double>.self)
            i += 4
        }
        var sums = SIMD4(s0.sum(), s1.sum(), s2.sum(), s3.sum())
        while i < n {
            sums += SIMD4(a[i] * b0[i], a[i] * b1[i], a[i] * b2[i], a[i] * b3[i])
            i += 1
        }
        return sums
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

    /// Solves A z = r for a symmetric positive definite A given by its lower triangle (row-major), by
    /// Cholesky factorisation; nil if A is not positive definite.
    static func solveSymmetric(_ a: [Double], _ r: [Double], size d: Int) -> [Double]? {
        var l = a
        for j in 0..<d {
            var diagonal = l[j * d + j]
            for k in 0..<j { diagonal -= l[j * d + k] * l[j * d + k] }
            guard diagonal > 0 else { return nil }
            let root = diagonal.squareRoot()
            l[j * d + j] = root
            for i in (j + 1)..<max(d, j + 1) {
                var value = l[i * d + j]
                for k in 0..<j { value -= l[i * d + k] * l[j * d + k] }
                l[i * d + j] = value / root
            }
        }
        var z = r
        for i in 0..<d {
            for k in 0..<i { z[i] -= l[i * d + k] * z[k] }
            z[i] /= l[i * d + i]
        }
        for i in stride(from: d - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(d, i + 1) { z[i] -= l[k * d + i] * z[k] }
            z[i] /= l[i * d + i]
        }
        return z
    }
}
