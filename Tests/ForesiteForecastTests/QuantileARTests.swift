import ForesiteCore
import Foundation
import Testing

@testable import ForesiteForecast

@Suite struct QuantileARTests {
    /// The walk-forward of the issue: 1500 days, origins over the last 290 (each with three known
    /// horizons), refitted every 30 days.
    static func walkForward(returns: [Double], lead: [Double]? = nil) throws -> ModelWalkForward {
        let frame = SyntheticReturns.frame(returns: returns, lead: lead)
        let data = SyntheticReturns.data(frame)
        let origins = Array(frame.days[(frame.days.count - 293)..<(frame.days.count - 3)])
        return try ModelWalkForward(QuantileARModel(), data: data, origins: origins, refitEvery: 30)
    }

    /// With AR(1) returns, φ = 0.3, the best forecast of tomorrow's return, φ r(t), removes φ² = 9 % of
    /// its variance, so the best possible relative WIS at horizon 1 is about √(1 − φ²) ≈ 0.954 for
    /// Gaussian innovations: 0.9 cannot be reached at this φ (a leading covariate, below, can).
    @Test func findsTheAutoregressionItCanFind() throws {
        let run = try Self.walkForward(returns: SyntheticReturns.autoregressive(phi: 0.3, count: 1500, seed: 5))
        let dayAhead = run.comparison(horizon: 1)
        print("quantile-ar on AR(1) φ 0.3: h1 relative WIS \(dayAhead.relativeWIS), \(dayAhead.verdict)")
        #expect(dayAhead.pairs == 290)
        #expect(dayAhead.relativeWIS < 0.98)
        #expect(run.forecasts.allSatisfy { $0.isNonCrossing })
    }

    /// AR(1) with φ = 0.6: the floor is √(1 − 0.36) = 0.8, and the model gets below 0.9.
    @Test func beatsPersistenceClearlyOnAStrongAutoregression() throws {
        let run = try Self.walkForward(returns: SyntheticReturns.autoregressive(phi: 0.6, count: 1500, seed: 6))
        let dayAhead = run.comparison(horizon: 1)
        print("quantile-ar on AR(1) φ 0.6: h1 relative WIS \(dayAhead.relativeWIS), \(dayAhead.verdict)")
        #expect(dayAhead.relativeWIS < 0.9)
        #expect(dayAhead.verdict == .better)
    }

    /// `other.open`'s change on day t is the price's return on day t + 1 plus as much noise again:
    /// half of tomorrow's variance is known today, a floor of √0.5 ≈ 0.71.
    @Test func beatsPersistenceOnACovariateThatLeadsByADay() throws {
        var generator = SeededGenerator(seed: 8)
        let returns = SyntheticReturns.autoregressive(phi: 0, count: 1500, seed: 9)
        let lead = returns.indices.map { t in
            (t + 1 < returns.count ? returns[t + 1] : 0) + 0.03 * generator.nextGaussian()
        }
        let run = try Self.walkForward(returns: returns, lead: lead)
        let dayAhead = run.comparison(horizon: 1)
        print("quantile-ar with a leading covariate: h1 relative WIS \(dayAhead.relativeWIS), \(dayAhead.verdict)")
        #expect(dayAhead.relativeWIS < 0.9)
        #expect(dayAhead.verdict == .better)
    }

    @Test func isNotSignificantlyBetterOnARandomWalk() throws {
        let run = try Self.walkForward(returns: SyntheticReturns.autoregressive(phi: 0, count: 1500, seed: 10))
        for horizon in [1, 2, 3, nil] as [Int?] {
            let comparison = run.comparison(horizon: horizon)
            print("quantile-ar on a random walk, h \(horizon.map(String.init) ?? "all"): \(comparison.relativeWIS)")
            #expect(comparison.verdict != .better)
        }
    }

    /// Rows after the origin are never read, and forecasts made from a fit earlier than the origin use
    /// the origin's features only.
    @Test func forecastReadsNothingAfterTheOrigin() throws {
        let returns = SyntheticReturns.autoregressive(phi: 0.3, count: 800, seed: 12)
        let frame = SyntheticReturns.frame(returns: returns)
        let fitDay = frame.days[600]
        let origin = frame.days[640]
        let short = SyntheticReturns.data(frame).through(origin)
        let long = SyntheticReturns.data(SyntheticFrame.rewritten(frame, after: origin))
        let fromShort = try QuantileARModel().fit(short.through(fitDay)).forecast(short)
        let fromLong = try QuantileARModel().fit(long.through(fitDay)).forecast(long.through(origin))
        #expect(fromShort == fromLong)
        #expect(fromShort.count == 3)
    }

    /// One column of noise and one of a constant: the design skips the target's own prices, uses the
    /// volume's change and keeps the leading instrument's price change.
    @Test func regressorsAreTheLagsAndTheOtherInputs() throws {
        let data = SyntheticReturns.data(SyntheticReturns.frame(returns: Array(repeating: 0.001, count: 10)))
        let description = QuantileARModel().describe(data)
        let regressors = try #require(description.parameters.first { $0.name == "regressors" })
        #expect(regressors.value == "r(t), r(t−1), r(t−2), Δlog(1 + asset.volume), Δlog other.open")
        #expect(description.inputs == ["asset.close", "asset.volume", "other.open"])
    }

    /// A pinball-loss fit of an intercept alone is the sample quantile: of 1…100, τ = 0.9 gives a value
    /// with 90 below it (between 90 and 91).
    @Test func interceptOnlyFitIsTheSampleQuantile() {
        let y = (1...100).map(Double.init)
        let b = QuantileRegression(ridge: 0, epsilon: 1e-6, maxIterations: 500).fit(
            QuantileDesign(rows: Array(repeating: 1, count: 100), width: 1, y: y), tau: 0.9, start: [50])
        #expect(b[0] >= 89.99 && b[0] <= 91.01, "\(b[0])")
    }

    /// The column-wise fit finds the coefficients of the textbook row-at-a-time iteration (same steps,
    /// sums in another order): on a 730 × 6 design, every level agrees to 1e-7 (the iteration stops at 1e-5).
    @Test func columnWiseSumsFitWhatRowWiseSumsFit() {
        let d = 6
        let (x, y) = Self.heteroscedasticDesign(seed: 7, rows: 730, columns: d)
        var regression = QuantileRegression(ridge: 1e-2)
        regression.accelerated = false
        for tau in [0.025, 0.25, 0.5, 0.9] {
            let start = [Double](repeating: 0, count: d)
            let fast = regression.fit(QuantileDesign(rows: x, width: d, y: y), tau: tau, start: start)
            let reference = Self.rowWiseFit(regression, x: x, columns: d, y: y, tau: tau, start: start)
            #expect(zip(fast, reference).allSatisfy { abs($0 - $1) < 1e-7 }, "τ \(tau): \(fast) vs \(reference)")
        }
    }

    /// SQUAREM's extrapolations reach the plain iteration's fixed point in fewer steps: on a 730 × 6 design
    /// (as quantile-ar fits) at five levels, both iterated to a tolerance of 1e-10 agree to 1e-8, and with the
    /// default tolerance the accelerated fit's steps are fewer than a third of the plain ones'.
    @Test func acceleratedFitsReachThePlainFixedPointInFewerSteps() {
        let d = 6
        let (x, y) = Self.heteroscedasticDesign(seed: 11, rows: 730, columns: d)
        let design = QuantileDesign(rows: x, width: d, y: y)
        let start = [Double](repeating: 0, count: d)
        var plainSteps = 0
        var acceleratedSteps = 0
        for tau in [0.025, 0.1, 0.5, 0.75, 0.975] {
            var regression = QuantileRegression(ridge: 1e-2, tolerance: 1e-10, maxIterations: 100_000)
            regression.accelerated = false
            let plain = regression.solve(design, tau: tau, start: start)
            regression.accelerated = true
            let accelerated = regression.solve(design, tau: tau, start: start)
            #expect(plain.steps < 100_000 && accelerated.steps < 100_000, "τ \(tau) converges")
            #expect(
                zip(plain.coefficients, accelerated.coefficients).allSatisfy { abs($0 - $1) < 1e-8 },
                "τ \(tau): \(plain.coefficients) vs \(accelerated.coefficients)")
            regression.tolerance = QuantileRegression().tolerance
            regression.accelerated = false
            plainSteps += regression.solve(design, tau: tau, start: start).steps
            regression.accelerated = true
            acceleratedSteps += regression.solve(design, tau: tau, start: start).steps
        }
        #expect(3 * acceleratedSteps < plainSteps, "\(acceleratedSteps) vs \(plainSteps) steps")
    }

    /// A rows × columns design (row-major, an intercept and Gaussian regressors) and a response linear in two
    /// of them whose noise grows with a third, so that the quantiles' slopes differ by level.
    static func heteroscedasticDesign(seed: UInt64, rows n: Int, columns d: Int) -> (x: [Double], y: [Double]) {
        var generator = SeededGenerator(seed: seed)
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<n {
            let row = [1] + (1..<d).map { _ in generator.nextGaussian() }
            x += row
            y.append(0.3 * row[1] - 0.2 * row[2] + 0.5 * generator.nextGaussian() * (1 + abs(row[3])))
        }
        return (x, y)
    }

    /// Every implementation of the row loops (AVX2 where the CPU has it, and Swift's) gives the column-wise
    /// iteration's coefficients to the bit (the ledger records its forecasts): random designs of n = 1…733
    /// rows (multiples of 4 and 8 and not, and more than one L1 chunk), d = 1…10 and 13 columns (more than
    /// one AVX2 pass a row) of mixed scales, τ from 0.025 to 0.975, zero and random starts, fits that
    /// converge and fits that run out of steps, designs whose normal equations are singular (no ridge, a
    /// repeated column), and an infinite response.
    @Test func everyKernelFitsTheColumnWiseCoefficientsBitForBit() {
        var generator = SeededGenerator(seed: 21)
        let taus = [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975]
        for d in Array(1...10) + [13] {
            for (index, n) in [1, 6, 13, 64, 101, 730, 733].enumerated() {
                let scales = (0..<d).map { j in j == 0 ? 1 : pow(10, Double(j % 3) - 1) }
                var x: [Double] = []
                var y: [Double] = []
                for _ in 0..<n {
                    let row = (0..<d).map { j in j == 0 ? 1 : scales[j] * generator.nextGaussian() }
                    x += row
                    y.append(row.reduce(0, +) * 0.1 + generator.nextGaussian() * (1 + abs(row.last!)))
                }
                // One design per d has an infinite response: its steps turn to NaN.
                if index == 4 { y[n / 2] = .infinity }
                // Every third design repeats its last column: without a ridge its normal equations are singular.
                let singular = d > 1 && index % 3 == 2
                if singular {
                    for i in 0..<n { x[i * d + d - 1] = x[i * d + d - 2] }
                }
                var regression = QuantileRegression(
                    ridge: singular ? 0 : 1e-2, tolerance: index % 2 == 0 ? 1e-5 : 1e-9,
                    maxIterations: index % 2 == 0 ? 60 : 25)
                regression.accelerated = false
                let tau = taus[(d + index) % taus.count]
                let start =
                    index % 2 == 0 ? [Double](repeating: 0, count: d) : (0..<d).map { _ in generator.nextGaussian() }
                let columnWise = ColumnWiseQuantileRegression(
                    ridge: regression.ridge, epsilon: regression.epsilon, tolerance: regression.tolerance,
                    maxIterations: regression.maxIterations
                ).fit(x: x, columns: d, y: y, tau: tau, start: start)
                let design = QuantileDesign(rows: x, width: d, y: y)
                var accelerated: [[UInt64]] = []
                for kernels in QuantileRegression.Kernels.available {
                    regression.kernels = kernels
                    regression.accelerated = false
                    let fused = regression.fit(design, tau: tau, start: start)
                    #expect(
                        fused.map(\.bitPattern) == columnWise.map(\.bitPattern),
                        "\(kernels), n \(n), d \(d), τ \(tau): \(fused) vs \(columnWise)")
                    // The extrapolations are Swift arithmetic on the steps' results: the same bits too.
                    regression.accelerated = true
                    accelerated.append(regression.fit(design, tau: tau, start: start).map(\.bitPattern))
                }
                #expect(Set(accelerated).count == 1, "accelerated, n \(n), d \(d), τ \(tau)")
            }
        }
    }

    /// The iteration as `QuantileRegression` documents it, one row at a time (the implementation before
    /// the column-wise sums).
    static func rowWiseFit(
        _ regression: QuantileRegression, x: [Double], columns d: Int, y: [Double], tau: Double, start: [Double]
    ) -> [Double] {
        let n = y.count
        var b = start
        let tilt = 2 * tau - 1
        for _ in 0..<regression.maxIterations {
            var a = [Double](repeating: 0, count: d * d)
            var r = [Double](repeating: 0, count: d)
            for i in 0..<n {
                let fitted = (0..<d).reduce(0) { $0 + x[i * d + $1] * b[$1] }
                let weight = 1 / (regression.epsilon + abs(y[i] - fitted))
                for j in 0..<d {
                    r[j] += weight * x[i * d + j] * y[i] + tilt * x[i * d + j]
                    for k in 0...j { a[j * d + k] += weight * x[i * d + j] * x[i * d + k] }
                }
            }
            for j in 1..<d { a[j * d + j] += 4 * Double(n) * regression.ridge }
            guard let next = ColumnWiseQuantileRegression.solveSymmetric(a, r, size: d) else { break }
            let change = zip(next, b).map { abs($0 - $1) }.max() ?? 0
            b = next
            if change < regression.tolerance { break }
        }
        return b
    }
}

/// `QuantileRegression` as it was before its row passes were fused (commit 5b2d17d), kept verbatim to pin
/// its results: one pass over the rows per column for the residuals and another for the weighted columns,
/// a fresh array per step, and the Cholesky solve on copies.
struct ColumnWiseQuantileRegression: Sendable {
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
