import ForesiteCore
import Foundation
import Testing

@testable import ForesiteForecast

@Suite struct GARCHTests {
    static let truth = GARCH(omega: 1e-5, alpha: 0.1, beta: 0.85)

    /// n = 3000 has standard errors of about 0.015 for α, 0.025 for β and a third of ω (the usual
    /// asymptotics for these values); the tolerances are about three of them, on five seeds.
    @Test(arguments: [1, 2, 3, 4, 5] as [UInt64])
    func maximumLikelihoodRecoversTheParametersOfASimulatedSeries(seed: UInt64) {
        let returns = SyntheticReturns.garch(Self.truth, count: 3000, seed: seed)
        let fitted = GARCH.fit(returns)
        print("GARCH seed \(seed): ω \(fitted.omega), α \(fitted.alpha), β \(fitted.beta)")
        #expect(abs(fitted.alpha - 0.1) < 0.045, "α \(fitted.alpha)")
        #expect(abs(fitted.beta - 0.85) < 0.075, "β \(fitted.beta)")
        #expect(abs(fitted.omega - 1e-5) < 1e-5, "ω \(fitted.omega)")
        #expect(abs(fitted.longRunVariance / Self.truth.longRunVariance - 1) < 0.25)
        // The optimiser found at least the likelihood of the true parameters.
        let initial = GARCH.startingVariance(returns)
        #expect(
            fitted.negativeLogLikelihood(returns, initial: initial)
                <= Self.truth.negativeLogLikelihood(returns, initial: initial) + 1e-6)
    }

    /// Hand computation: long-run variance 1e-5 / 0.05 = 2e-4; from σ²ₜ₊₁ = 4e-4 the excess 2e-4 fades
    /// by 0.95 a day: 4e-4, 3.9e-4, 3.805e-4. The EWMA stays flat.
    @Test func multiStepVarianceRevertsToTheLongRunVariance() {
        let steps = Self.truth.variances(next: 4e-4, horizon: 3)
        for (value, want) in zip(steps, [4e-4, 3.9e-4, 3.805e-4]) { #expect(abs(value - want) < 1e-15) }
        #expect(GARCH.ewma().variances(next: 4e-4, horizon: 3) == [4e-4, 4e-4, 4e-4])
        #expect(abs(GARCH.ewma().alpha - 0.06) < 1e-15 && GARCH.ewma().beta == 0.94)
    }

    /// σ²₂ = 1e-5 + 0.1·0.02² + 0.85·1e-4 = 1.35e-4, σ²₃ = 1e-5 + 0.1·0.01² + 0.85·1.35e-4 = 1.3475e-4.
    @Test func filterFollowsTheRecursion() {
        let variances = Self.truth.variances([0.02, -0.01], initial: 1e-4)
        for (value, want) in zip(variances, [1e-4, 1.35e-4, 1.3475e-4]) { #expect(abs(value - want) < 1e-15) }
    }

    /// The simulated h-day changes have the variance Σₖ σ²ₜ₊ₖ|ₜ (within sampling error), the median
    /// is the last close, and a stormy origin gets wider intervals than a calm one.
    @Test func forecastSpreadFollowsTheConditionalVariance() throws {
        let returns = SyntheticReturns.garch(Self.truth, count: 1500, seed: 11)
        let data = SyntheticReturns.data(SyntheticReturns.frame(returns: returns), horizon: 5)
        let fitted = try GARCHModel().fit(data)
        let forecasts = try fitted.forecast(data)
        let close = try data.values(data.reference).last!
        #expect(forecasts.count == 5)
        #expect(forecasts.allSatisfy { $0.median == close && $0.isNonCrossing })
        let widths = forecasts.map { $0.interval(level: 0.95)!.width }
        #expect(zip(widths, widths.dropFirst()).allSatisfy { $0 < $1 })

        // Rank the origins of the last year by the fitted conditional variance; compare extremes.
        let model = GARCHModel()
        let process = GARCH.fit(Array(returns.suffix(model.window)))
        let variances = process.variances(returns, initial: GARCH.startingVariance(returns))
        let candidates = Array((returns.count - 365)..<returns.count)
        let calm = candidates.min { variances[$0 + 1] < variances[$1 + 1] }!
        let stormy = candidates.max { variances[$0 + 1] < variances[$1 + 1] }!
        func width(_ row: Int) throws -> Double {
            let cut = data.through(data.days[row])
            let forecast = try fitted.forecast(cut)[0]
            return forecast.interval(level: 0.8)!.width / forecast.median
        }
        let ratio = try width(stormy) / width(calm)
        let expected = (variances[stormy + 1] / variances[calm + 1]).squareRoot()
        #expect(abs(ratio / expected - 1) < 0.1, "width ratio \(ratio), σ ratio \(expected)")
    }

    /// The quantiles read from the sorted magnitudes are the very values the sorted mirror pairs give,
    /// for every probability the model asks and the edges, with ties, zeros and a single pair.
    @Test(arguments: [1, 2, 3, 50, 1000])
    func mirrorPairsQuantilesAreThoseOfAllTheValuesSorted(pairs: Int) {
        var generator = SeededGenerator(seed: UInt64(pairs))
        var changes: [Double] = []
        for index in 0..<pairs {
            let value =
                index % 7 == 3 ? 0 : index % 5 == 1 ? 0.25 : Double(generator.next() % 2_000_001) / 1e6 - 1
            changes += [value, -value]
        }
        let slice = ([9.0, 9.0] + changes + [9.0])[2..<(2 + changes.count)]
        let quantile = GARCHModel.Fitted.mirroredQuantiles(slice)
        let sorted = changes.sorted()
        for probability in [0, 0.25, 0.5, 0.5 + 1e-9, 0.525, 0.6, 0.75, 0.9, 0.975, 0.999, 1] {
            let expected = Persistence.empiricalQuantile(sorted: sorted, probability: probability)
            let got = quantile(probability)
            // ±0 are the same change (exp(±0) = 1); every other value must match bit for bit.
            #expect(got.bitPattern == expected.bitPattern || (got == 0 && expected == 0), "p \(probability)")
        }
    }

    @Test func tooShortAHistoryIsRefused() {
        let data = SyntheticReturns.data(SyntheticReturns.frame(returns: Array(repeating: 0.01, count: 100)))
        #expect(throws: ForecastError.tooLittleHistory(method: "garch", needed: 250, available: 99)) {
            try GARCHModel().fit(data)
        }
    }

    /// Rows after the origin are never read: a fit and a forecast through the origin give the same
    /// forecast whether the frame ends there or goes on with other values.
    @Test(arguments: [GARCHModel.Volatility.garch, .ewma(lambda: 0.94)])
    func forecastReadsNothingAfterTheOrigin(volatility: GARCHModel.Volatility) throws {
        let returns = SyntheticReturns.garch(Self.truth, count: 900, seed: 3)
        let frame = SyntheticReturns.frame(returns: returns)
        let fitDay = frame.days[700]
        let origin = frame.days[760]
        let model = GARCHModel(volatility: volatility)
        let short = SyntheticReturns.data(frame).through(origin)
        let long = SyntheticReturns.data(SyntheticFrame.rewritten(frame, after: origin))
        let fromShort = try model.fit(short.through(fitDay)).forecast(short)
        let fromLong = try model.fit(long.through(fitDay)).forecast(long.through(origin))
        #expect(fromShort == fromLong)
        #expect(fromShort.allSatisfy { $0.isNonCrossing })
    }
}
