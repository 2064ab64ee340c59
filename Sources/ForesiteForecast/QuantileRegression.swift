import CQuantileRegression
import Foundation

/// Linear quantile regression with a small ridge penalty: the coefficients b minimising
/// (1/n) Σᵢ ρ_τ(yᵢ − xᵢ·b) + `ridge` Σⱼ≥₁ b²ⱼ, where ρ_τ(u) = u·(τ − 1{u < 0}) is the pinball (check) loss
/// and column 0 of x is the unpenalised intercept.
///
/// Solved by Hunter & Lange's (2000) majorise–minimise iteration: at the current residuals uᵢ, ρ_τ is
/// majorised by the quadratic ¼[u²/(ε + |uᵢ|) + (4τ − 2)u], so each step is one weighted ridge
/// least-squares solve, (XᵀWX + 4nλI′) b = XᵀWy + (2τ − 1) Xᵀ1 with W = diag(1/(ε + |uᵢ|)), and the
/// ε-smoothed objective never increases. It is deterministic, needs no step size, and stops when no
/// coefficient moves by more than `tolerance` (in the units of y) in a step or after `maxIterations` steps;
/// the minimiser it finds is within about nε/2 of the exact pinball minimum's loss.
///
/// The iteration converges linearly and slowly: on quantile-ar's fits of the real samples (`foresite-bench
/// quantile-regression`: 5 days × 10 horizons × 7 levels, 730 days each) the plain steps took 120 on average
/// to meet the tolerance, and 95 % of the fits ran out of the 60 steps then allowed. So the steps are
/// accelerated by SQUAREM (Varadhan & Roland 2008, scheme S3, with the R package's step bounds): from b, two
/// steps give b₁ and b₂, r = b₁ − b and v = b₂ − b₁ − r; the point b + 2αr + α²v with α = |r|/|v| (at least
/// 1, at most a bound that grows fourfold each time it is reached and shrinks on a failed step) is
/// stabilised by one more step. Its fixed point is the plain iteration's; there it takes 38 steps on
/// average, and 1 fit of the 350 runs out of the 100 allowed.
struct QuantileRegression: Sendable {
    var ridge = 1e-3
    /// The smoothing of |u| near 0, in the units of y.
    var epsilon = 1e-3
    var tolerance = 1e-5
    var maxIterations = 100
    var kernels = Kernels.preferred
    /// SQUAREM's extrapolation; without it, plain steps (the iteration the tests pin to the bit).
    var accelerated = true

    /// Where each step's row loops (the weights and the cross products) run; all give the same bits.
    enum Kernels: Hashable, Sendable {
        /// `CQuantileRegression`'s AVX2 loops: a four-lane operation is one instruction, not two SSE2 halves,
        /// each weighted column meets up to 12 partners a pass, and the rows go in chunks that stay in the
        /// L1 cache.
        case avx2
        /// Swift's SIMD4 loops, for any CPU.
        case swift

        /// AVX2 where the CPU has it; `FORESITE_QUANTILE_KERNELS=swift` picks Swift's loops (to measure a
        /// CPU without AVX2).
        static let preferred: Kernels =
            foresite_quantile_avx2_supported() != 0
                && ProcessInfo.processInfo.environment["FORESITE_QUANTILE_KERNELS"] != "swift" ? .avx2 : .swift

        /// Every implementation this CPU can run.
        static var available: [Kernels] { foresite_quantile_avx2_supported() != 0 ? [.avx2, .swift] : [.swift] }
    }

    /// The coefficients for quantile level `tau`, starting from `start` (d values).
    ///
    /// Each step's sums run down the design's columns in vector lanes: the d(d+1)/2 weighted cross products
    /// are independent dot products, which a row-at-a-time loop cannot vectorise. The results are fixed to
    /// the bit: every sum adds in one documented order (`weigh`, `dots`, `solveSymmetric`; the AVX2 loops
    /// in `CQuantileRegression.h` keep it), with no fused multiply–add.
    func fit(_ design: QuantileDesign, tau: Double, start: [Double]) -> [Double] {
        solve(design, tau: tau, start: start).coefficients
    }

    /// `fit`'s coefficients and how many steps (weighted solves) it took.
    func solve(_ design: QuantileDesign, tau: Double, start: [Double]) -> (coefficients: [Double], steps: Int) {
        let n = design.count
        let d = design.width
        precondition(start.count == d, "d starting coefficients")
        let tilt = 2 * tau - 1
        // (2τ − 1) Xᵀ1 does not depend on the weights.
        let tilted = design.columnSums.map { tilt * $0 }
        let penalty = 4 * Double(n) * ridge
        var b = start
        var steps = 0
        // The fit's only scratch: the weighted columns, the AVX2 sums' lanes, and the normal equations
        // (solved in place).
        let weighted = UnsafeMutablePointer<Double>.allocate(capacity: n * d)
        let lanes = UnsafeMutablePointer<Double>.allocate(capacity: 2 * d * (d + 3))
        let matrix = UnsafeMutablePointer<Double>.allocate(capacity: d * d)
        let rhs = UnsafeMutablePointer<Double>.allocate(capacity: d)
        defer {
            weighted.deallocate()
            lanes.deallocate()
            matrix.deallocate()
            rhs.deallocate()
        }
        design.columns.withUnsafeBufferPointer { columns in
            design.y.withUnsafeBufferPointer { y in
                let columns = columns.baseAddress!
                let y = y.baseAddress!
                let passes = kernels == .swift ? Self.passes(columns: columns, y: y, count: n, width: d) : []
                /// One step from `point` into `next`; false when the normal equations are not positive definite.
                func step(from point: [Double], into next: inout [Double]) -> Bool {
                    steps += 1
                    switch kernels {
                    case .avx2:
                        point.withUnsafeBufferPointer { b in
                            foresite_quantile_normal_equations_avx2(
                                columns, y, b.baseAddress!, n, d, epsilon, weighted, lanes, matrix, rhs)
                        }
                    case .swift:
                        point.withUnsafeBufferPointer { b in
                            Self.weigh(
                                columns: columns, y: y, coefficients: b.baseAddress!, count: n, width: d,
                                epsilon: epsilon, into: weighted)
                        }
                        for pass in passes {
                            let sums = Self.dots(weighted + pass.row * n, pass.partners, count: n)
                            for offset in 0..<pass.count {
                                let k = pass.first + offset
                                if k <= pass.row {
                                    matrix[pass.row * d + k] = sums[offset]
                                } else {
                                    rhs[pass.row] = sums[offset]
                                }
                            }
                        }
                    }
                    for j in 0..<d { rhs[j] += tilted[j] }
                    for j in 1..<max(d, 1) { matrix[j * d + j] += penalty }
                    guard Self.solveSymmetric(matrix, rhs, size: d) else { return false }
                    for j in 0..<d { next[j] = rhs[j] }
                    return true
                }
                var first = b
                var second = b
                var extrapolated = b
                // SQUAREM's bound on α.
                var longest = 1.0
                while steps < maxIterations {
                    guard step(from: b, into: &first) else { break }
                    if Self.hasConverged(from: b, to: first, tolerance: tolerance) {
                        b = first
                        break
                    }
                    if !accelerated || steps == maxIterations {
                        b = first
                        continue
                    }
                    guard step(from: first, into: &second) else {
                        b = first
                        break
                    }
                    if Self.hasConverged(from: first, to: second, tolerance: tolerance) {
                        b = second
                        break
                    }
                    let alpha = Self.extrapolation(from: b, first, second, longest: longest)
                    if alpha == 1 || steps == maxIterations {
                        b = second
                        if alpha == longest { longest *= 4 }
                        continue
                    }
                    for j in 0..<d {
                        let r = first[j] - b[j]
                        extrapolated[j] = b[j] + 2 * alpha * r + alpha * alpha * ((second[j] - first[j]) - r)
                    }
                    // Stabilised by one step; where that fails or leaves a non-finite value, the two plain
                    // steps stand and the bound shrinks.
                    if step(from: extrapolated, into: &b), b.allSatisfy(\.isFinite) {
                        if alpha == longest { longest *= 4 }
                    } else {
                        b = second
                        if alpha == longest { longest = max(1, longest / 4) }
                    }
                }
            }
        }
        return (b, steps)
    }

    /// Whether no coefficient moved by `tolerance` or more from `old` to `new` (a NaN move has not converged).
    static func hasConverged(from old: [Double], to new: [Double], tolerance: Double) -> Bool {
        // The largest move, as `max()` finds it (a NaN first stays unless a later move exceeds it).
        var change = 0.0
        for j in old.indices {
            let move = abs(new[j] - old[j])
            if j == 0 || change < move { change = move }
        }
        return change < tolerance
    }

    /// SQUAREM's step length for b → b₁ → b₂: |r| / |v| (r = b₁ − b, v = b₂ − b₁ − r), within 1…`longest`.
    static func extrapolation(from b: [Double], _ first: [Double], _ second: [Double], longest: Double) -> Double {
        var r2 = 0.0
        var v2 = 0.0
        for j in b.indices {
            let r = first[j] - b[j]
            let v = (second[j] - first[j]) - r
            r2 += r * r
            v2 += v * v
        }
        let alpha = v2 > 0 ? (r2 / v2).squareRoot() : 1
        return alpha.isNaN ? 1 : max(1, min(longest, alpha))
    }

    /// Solves A z = r in place for a symmetric positive definite A given by its lower triangle (row-major),
    /// by Cholesky factorisation: the lower triangle becomes the factor and r becomes z; false (and both
    /// partly overwritten) if A is not positive definite.
    static func solveSymmetric(_ l: UnsafeMutablePointer<Double>, _ z: UnsafeMutablePointer<Double>, size d: Int)
        -> Bool
    {
        for j in 0..<d {
            var diagonal = l[j * d + j]
            for k in 0..<j { diagonal -= l[j * d + k] * l[j * d + k] }
            guard diagonal > 0 else { return false }
            let root = diagonal.squareRoot()
            l[j * d + j] = root
            for i in (j + 1)..<max(d, j + 1) {
                var value = l[i * d + j]
                for k in 0..<j { value -= l[i * d + k] * l[j * d + k] }
                l[i * d + j] = value / root
            }
        }
        for i in 0..<d {
            for k in 0..<i { z[i] -= l[i * d + k] * z[k] }
            z[i] /= l[i * d + i]
        }
        for i in stride(from: d - 1, through: 0, by: -1) {
            for k in (i + 1)..<max(d, i + 1) { z[i] -= l[k * d + i] * z[k] }
            z[i] /= l[i * d + i]
        }
        return true
    }
}
