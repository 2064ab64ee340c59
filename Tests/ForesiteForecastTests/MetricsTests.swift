import ForesiteForecast
import Testing

@Suite struct MetricsTests {
    /// Three one-step forecasts from an origin value of 4.5, worked by hand:
    /// errors 1, −1, 0; actual mean 4, SStot 9 + 1 + 4 = 14, SSres 2.
    let outcomes = [
        ForecastOutcome(horizon: 1, originValue: 4.5, predicted: 2, actual: 1),
        ForecastOutcome(horizon: 1, originValue: 4.5, predicted: 4, actual: 5),
        ForecastOutcome(horizon: 1, originValue: 4.5, predicted: 6, actual: 6),
    ]

    @Test func pointMetricsMatchHandComputedValues() throws {
        let metrics = try #require(Metrics.score(outcomes, naiveScale: 2))
        #expect(metrics.count == 3)
        #expect(abs(metrics.mae - 2.0 / 3) < 1e-12)
        #expect(abs(metrics.rmse - (2.0 / 3).squareRoot()) < 1e-12)
        // |1/1| + |−1/5| + 0 = 1.2 over 3 → 40 %.
        #expect(abs(try #require(metrics.mape) - 40) < 1e-9)
        // 2·1/3 + 2·1/9 + 0 = 8/9 over 3 → 29.63 %.
        #expect(abs(metrics.smape - 100 * (8.0 / 9) / 3) < 1e-9)
        #expect(abs(try #require(metrics.mase) - 1.0 / 3) < 1e-12)
        #expect(abs(try #require(metrics.r2) - (1 - 2.0 / 14)) < 1e-12)
        // Forecast changes −, −, +; actual changes −, +, + → two of three agree.
        #expect(abs(metrics.directionalAccuracy - 2.0 / 3) < 1e-12)
        #expect(metrics.intervals.isEmpty)
    }

    @Test(arguments: [nil, 0.0, -1.0, Double.nan, Double.infinity])
    func maseIsNilWithoutAUsableScale(scale: Double?) throws {
        let metrics = try #require(Metrics.score(outcomes, naiveScale: scale))
        #expect(metrics.mase == nil)
        #expect(abs(metrics.mae - 2.0 / 3) < 1e-12)
    }

    @Test func naiveScaleIsTheMeanOneStepChange() throws {
        #expect(abs(try #require(Metrics.naiveScale(of: [1, 3, 2])) - 1.5) < 1e-12)
        #expect(Metrics.naiveScale(of: [5, 5, 5]) == 0)
        #expect(Metrics.naiveScale(of: [5]) == nil)
        #expect(Metrics.naiveScale(of: []) == nil)
        // A flat training series gives scale 0, and so no MASE, rather than a division by zero.
        let flat = try #require(Metrics.score(outcomes, naiveScale: Metrics.naiveScale(of: [5, 5, 5])))
        #expect(flat.mase == nil)
    }

    @Test func emptyInputGivesAnEmptyResult() {
        #expect(Metrics.score([], naiveScale: 1) == nil)
        let table = MetricsByHorizon([], naiveScale: 1)
        #expect(table.horizons.isEmpty)
        #expect(table.overall == nil)
        #expect(table[horizon: 1] == nil)
    }

    @Test func undefinedRatiosAreNilNotNaN() throws {
        let zeros = [
            ForecastOutcome(horizon: 1, originValue: 0, predicted: 0, actual: 0),
            ForecastOutcome(horizon: 1, originValue: 0, predicted: 2, actual: 0),
        ]
        let metrics = try #require(Metrics.score(zeros, naiveScale: 1))
        #expect(metrics.mape == nil, "every actual is zero")
        #expect(metrics.r2 == nil, "constant actuals")
        // Both zero counts 0; 2·2/(0 + 2) = 2 → mean 1 → 100 %.
        #expect(abs(metrics.smape - 100) < 1e-12)
        #expect(abs(metrics.directionalAccuracy - 0.5) < 1e-12)
    }

    @Test func naiveForecastScoresDirectionOnlyOnFlatDays() throws {
        let naive = [
            ForecastOutcome(horizon: 1, originValue: 10, predicted: 10, actual: 11),
            ForecastOutcome(horizon: 1, originValue: 10, predicted: 10, actual: 10),
        ]
        #expect(try #require(Metrics.score(naive, naiveScale: 1)).directionalAccuracy == 0.5)
    }

    @Test func metricsAreGroupedByHorizonAndPooled() throws {
        let mixed = [
            ForecastOutcome(horizon: 2, originValue: 0, predicted: 3, actual: 0),
            ForecastOutcome(horizon: 1, originValue: 0, predicted: 1, actual: 0),
            ForecastOutcome(horizon: 2, originValue: 0, predicted: 5, actual: 0),
        ]
        let table = MetricsByHorizon(mixed, naiveScale: nil)
        #expect(table.horizons.map(\.horizon) == [1, 2])
        #expect(table[horizon: 1]?.mae == 1)
        #expect(table[horizon: 2]?.mae == 4)
        #expect(table[horizon: 3] == nil)
        #expect(abs(try #require(table.overall).mae - 3) < 1e-12)
    }
}
