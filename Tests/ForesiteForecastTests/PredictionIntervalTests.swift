import ForesiteCore
import ForesiteForecast
import Testing

/// The interval the forecasters produce and the scorer charges: closed bounds, the Winkler score.
@Suite struct PredictionIntervalTests {
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
}
