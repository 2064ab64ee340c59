import ForesiteCore
import ForesiteForecast
import Testing

@Suite struct IntervalAccuracyTests {
    @Test func boundsAreInsideTheInterval() {
        let interval = PredictionInterval(level: 0.8, lower: 9, upper: 11)
        #expect(interval.contains(9))
        #expect(interval.contains(11))
        #expect(!interval.contains(8.999_999))
        #expect(!interval.contains(11.000_001))
    }

    @Test func winklerScoreChargesMissesByTwoOverAlpha() {
        let interval = PredictionInterval(level: 0.8, lower: 9, upper: 11)
        #expect(abs(interval.winklerScore(actual: 10) - 2) < 1e-12)
        // α = 0.2: width 2 + (2 / 0.2)·1 = 12 on either side.
        #expect(abs(interval.winklerScore(actual: 8) - 12) < 1e-9)
        #expect(abs(interval.winklerScore(actual: 12) - 12) < 1e-9)
    }

    @Test func coverageWidthAndScoreAreMeansOverOutcomes() throws {
        func outcome(actual: Double) -> ForecastOutcome {
            ForecastOutcome(
                horizon: 1, originValue: 10, predicted: 10, actual: actual,
                intervals: [
                    PredictionInterval(level: 0.95, lower: 8, upper: 12),
                    PredictionInterval(level: 0.8, lower: 9, upper: 11),
                ])
        }
        let metrics = try #require(Metrics.score([10, 11, 8.5, 13].map(outcome), naiveScale: nil))
        #expect(metrics.intervals.map(\.level) == [0.8, 0.95])
        let eighty = metrics.intervals[0]
        #expect(eighty.count == 4)
        #expect(abs(eighty.coverage - 0.5) < 1e-12)
        #expect(abs(eighty.meanWidth - 2) < 1e-12)
        // Scores 2, 2 (on the bound), 2 + 10·0.5, 2 + 10·2 → 33 / 4.
        #expect(abs(eighty.meanWinklerScore - 8.25) < 1e-9)
        let ninetyFive = metrics.intervals[1]
        #expect(abs(ninetyFive.coverage - 0.75) < 1e-12)
        // Scores 4, 4, 4, 4 + 40·1 → 56 / 4.
        #expect(abs(ninetyFive.meanWinklerScore - 14) < 1e-9)
    }

    @Test func aLevelMissingFromSomeOutcomeIsLeftOut() throws {
        let outcomes = [
            ForecastOutcome(
                horizon: 1, originValue: 1, predicted: 1, actual: 1,
                intervals: [PredictionInterval(level: 0.8, lower: 0, upper: 2)]),
            ForecastOutcome(horizon: 1, originValue: 1, predicted: 1, actual: 1),
        ]
        #expect(try #require(Metrics.score(outcomes, naiveScale: nil)).intervals.isEmpty)
    }
}
