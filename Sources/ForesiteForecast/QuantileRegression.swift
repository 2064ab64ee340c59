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
    func fit(x: [Double], columns d: Int, y: [Double], tau: Double, start: [Double]) -> [Double] {
        let n = y.count
        precondition(x.count == n * d && start.count == d, "an n × d design and d starting coefficients")
        var b = start
        var matrix = [Double](repeating: 0, count: d * d)
        var rhs = [Double](repeating: 0, count: d)
        let tilt = 2 * tau - 1
        let penalty = 4 * Double(n) * ridge
        for _ in 0..<maxIterations {
            x.withUnsafeBufferPointer { x in
                y.withUnsafeBufferPointer { y in
                    b.withUnsafeBufferPointer { b in
                        matrix.withUnsafeMutableBufferPointer { a in
                            rhs.withUnsafeMutableBufferPointer { r in
                                for j in 0..<(d * d) { a[j] = 0 }
                                for j in 0..<d { r[j] = 0 }
                                for i in 0..<n {
                                    let row = i * d
                                    var fitted = 0.0
                                    for j in 0..<d { fitted += x[row + j] * b[j] }
                                    let weight = 1 / (epsilon + abs(y[i] - fitted))
                                    for j in 0..<d {
                                        let wx = weight * x[row + j]
                                        r[j] += wx * y[i] + tilt * x[row + j]
                                        for k in 0...j { a[j * d + k] += wx * x[row + k] }
                                    }
                                }
                                for j in 1..<d { a[j * d + j] += penalty }
                            }
                        }
                    }
                }
            }
            guard let next = Self.solveSymmetric(matrix, rhs, size: d) else { break }
            let change = zip(next, b).map { abs($0 - $1) }.max() ?? 0
            b = next
            if change < tolerance { break }
        }
        return b
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
