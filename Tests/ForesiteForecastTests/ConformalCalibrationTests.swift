import ForesiteCore
import ForesiteForecast
import Foundation
import Testing

@Suite struct ConformalCalibrationTests {
    @Test func quantileIsTheFiniteSampleRankedScore() throws {
        let scores = (1...19).map(Double.init)
        let calibration = try ConformalCalibration(scores: [scores], levels: [0.95, 0.8], scale: .absolute)
        #expect(calibration.levels == [0.8, 0.95])
        // ⌈20 · 0.8⌉ = 16th and ⌈20 · 0.95⌉ = 19th smallest.
        #expect(calibration.quantiles == [[16, 19]])
        #expect(calibration.residualCounts == [19])
        // n = 10 at 80 %: ⌈11 · 0.8⌉ = ⌈8.8⌉ = 9th, not the 8th a plain empirical quantile would give.
        let ten = try ConformalCalibration(
            scores: [(1...10).reversed().map(Double.init)], levels: [0.8], scale: .absolute)
        #expect(ten.quantiles == [[9]])
    }

    @Test func tooFewResidualsForALevelIsAnError() {
        #expect(ConformalCalibration.minimumResiduals(for: 0.95) == 19)
        #expect(ConformalCalibration.minimumResiduals(for: 0.8) == 4)
        #expect(ConformalCalibration.minimumResiduals(for: 0.9) == 9)
        #expect(throws: ForecastError.tooFewResiduals(horizon: 2, level: 0.95, needed: 19, available: 10)) {
            try ConformalCalibration(
                scores: [Array(repeating: 1, count: 19), Array(repeating: 1, count: 10)], levels: [0.95],
                scale: .absolute)
        }
        #expect(throws: ForecastError.invalidLevel(95)) {
            try ConformalCalibration(scores: [[1]], levels: [95], scale: .absolute)
        }
    }

    @Test func intervalsAreSymmetricInPriceOrInLogPrice() throws {
        let absolute = try ConformalCalibration(
            points: [[100], [100], [100], [100]], actuals: [[101], [103], [98], [104]], levels: [0.8], scale: .absolute)
        // Scores 1, 3, 2, 4; ⌈5 · 0.8⌉ = 4th → 4.
        #expect(absolute.intervals(around: 50, horizon: 1) == [PredictionInterval(level: 0.8, lower: 46, upper: 54)])

        let relative = try ConformalCalibration(
            points: [[100], [100], [100], [100]], actuals: [[110], [100], [95], [101]], levels: [0.8],
            scale: .logRatio)
        let interval = try #require(relative.intervals(around: 200, horizon: 1).first)
        #expect(abs(interval.upper - 220) < 1e-9)
        #expect(abs(interval.lower - 200 / 1.1) < 1e-9)
    }

    @Test func logRatioRejectsNonPositivePrices() {
        #expect(throws: ForecastError.invalidValue(what: "forecast", value: 0)) {
            try ConformalCalibration.score(point: 0, actual: 1, scale: .logRatio)
        }
    }

    /// Split conformal promises coverage k/(n+1) in expectation over calibration draws, whatever the
    /// noise; with n = 99 that is exactly 0.80 and 0.95. Heavy-tailed (Laplace) noise, 400 draws × 200
    /// new points: the per-draw coverage has a standard deviation of about 0.045 at 80 % (calibration
    /// plus test sampling), so the mean over 400 draws has about 0.0024 (0.0013 at 95 %). The
    /// tolerance ±0.007 is about three of those, and still catches an off-by-one rank, which would shift
    /// coverage by 1/(n+1) = 0.01.
    @Test(arguments: ConformalCalibration.Scale.allCases)
    func coverageReachesNominalOnSyntheticData(scale: ConformalCalibration.Scale) throws {
        var generator = SeededGenerator(seed: 7)
        func laplace() -> Double {
            let u = generator.nextUnit() - 0.5
            return -(u < 0 ? -1 : 1) * log(1 - 2 * abs(u))
        }
        // Absolute: additive noise of scale 3 around a level of 100. Log-ratio: multiplicative noise
        // of 5 % around a level that wanders from 10 to 1000, where absolute residuals would not fit.
        func draw() -> (point: Double, actual: Double) {
            switch scale {
            case .absolute: return (100, 100 + 3 * laplace())
            case .logRatio:
                let level = exp(log(10) + generator.nextUnit() * log(100))
                return (level, level * exp(0.05 * laplace()))
            }
        }
        let levels = [0.8, 0.95]
        var covered = [0, 0]
        var total = 0
        for _ in 0..<400 {
            let calibrationCases = (0..<99).map { _ in draw() }
            let calibration = try ConformalCalibration(
                points: calibrationCases.map { [$0.point] }, actuals: calibrationCases.map { [$0.actual] },
                levels: levels, scale: scale)
            for _ in 0..<200 {
                let (point, actual) = draw()
                for (index, interval) in calibration.intervals(around: point, horizon: 1).enumerated()
                where interval.contains(actual) {
                    covered[index] += 1
                }
                total += 1
            }
        }
        for (index, level) in levels.enumerated() {
            let coverage = Double(covered[index]) / Double(total)
            #expect(abs(coverage - level) < 0.007, "level \(level): measured \(coverage)")
        }
    }
}
