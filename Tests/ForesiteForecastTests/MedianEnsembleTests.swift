import ForesiteCore
import ForesiteForecast
import Testing

/// The ensemble takes, per horizon and quantile level, the median of its members' values.
struct MedianEnsembleTests {
    private func forecast(_ median: Double, _ bounds: [(Double, Double)]) -> QuantileForecast {
        QuantileForecast(
            median: median,
            intervals: zip([0.5, 0.8, 0.95], bounds).map { PredictionInterval(level: $0, lower: $1.0, upper: $1.1) })
    }

    /// Three members at one horizon, by hand: medians 100, 104, 101 → 101; 0.25 quantiles 98, 95, 99 → 98;
    /// 0.75: 103, 106, 102 → 103; 0.1: 96, 90, 97 → 96; 0.9: 105, 110, 104 → 105; 0.025: 90, 80, 95 → 90;
    /// 0.975: 110, 120, 106 → 110. A fourth member makes it the mean of the middle two.
    @Test func perQuantileMediansOfTheMembers() throws {
        let members: [ModelID: [QuantileForecast]] = [
            "a": [forecast(100, [(98, 103), (96, 105), (90, 110)])],
            "b": [forecast(104, [(95, 106), (90, 110), (80, 120)])],
            "c": [forecast(101, [(99, 102), (97, 104), (95, 106)])],
        ]
        let combined = try MedianEnsemble().combine(members)
        #expect(combined.count == 1)
        #expect(combined[0].quantiles.map(\.value) == [90, 96, 98, 101, 103, 105, 110])
        #expect(combined[0].isNonCrossing)

        var four = members
        four["d"] = [forecast(103, [(100, 104), (99, 107), (92, 112)])]
        let even = try MedianEnsemble().combine(four)
        // Medians 100, 101, 103, 104 → 102; 0.025 quantiles 80, 90, 92, 95 → 91.
        #expect(even[0].median == 102 && even[0].value(atQuantile: 0.025) == 91)
    }

    @Test func membersWithDifferentHorizonsAreRefused() {
        let members: [ModelID: [QuantileForecast]] = [
            "a": [forecast(1, [(0, 2), (0, 2), (0, 2)])],
            "b": [forecast(1, [(0, 2), (0, 2), (0, 2)]), forecast(1, [(0, 2), (0, 2), (0, 2)])],
        ]
        #expect(throws: ForecastError.self) { try MedianEnsemble().combine(members) }
    }
}
