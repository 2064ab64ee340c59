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
            x: Array(repeating: 1, count: 100), columns: 1, y: y, tau: 0.9, start: [50])
        #expect(b[0] >= 89.99 && b[0] <= 91.01, "\(b[0])")
    }

    /// The column-wise fit finds the coefficients of the textbook row-at-a-time iteration (same steps,
    /// sums in another order): on a 730 × 6 design, every level agrees to 1e-7 (the iteration stops at 1e-5).
    @Test func columnWiseSumsFitWhatRowWiseSumsFit() {
        var generator = SeededGenerator(seed: 7)
        let n = 730
        let d = 6
        var x: [Double] = []
        var y: [Double] = []
        for _ in 0..<n {
            let row = [1] + (1..<d).map { _ in generator.nextGaussian() }
            x += row
            y.append(0.3 * row[1] - 0.2 * row[2] + 0.5 * generator.nextGaussian() * (1 + abs(row[3])))
        }
        let regression = QuantileRegression(ridge: 1e-2)
        for tau in [0.025, 0.25, 0.5, 0.9] {
            let start = [Double](repeating: 0, count: d)
            let fast = regression.fit(x: x, columns: d, y: y, tau: tau, start: start)
            let reference = Self.rowWiseFit(regression, x: x, columns: d, y: y, tau: tau, start: start)
            #expect(zip(fast, reference).allSatisfy { abs($0 - $1) < 1e-7 }, "τ \(tau): \(fast) vs \(reference)")
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
            guard let next = QuantileRegression.solveSymmetric(a, r, size: d) else { break }
            let change = zip(next, b).map { abs($0 - $1) }.max() ?? 0
            b = next
            if change < regression.tolerance { break }
        }
        return b
    }
}
