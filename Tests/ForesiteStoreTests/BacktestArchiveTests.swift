import ForesiteCore
import ForesiteTestSupport
import Testing

@testable import ForesiteStore

struct BacktestArchiveTests {
    private let origin = StoreFixtures.day("2024-06-01")

    private func forecast(
        _ model: String, horizon: Int, median: Double, actual: Double, spread: Double
    ) -> BacktestForecast {
        BacktestForecast(
            model: ModelID(model), origin: origin, horizon: horizon, targetDay: origin.adding(days: horizon),
            forecast: QuantileForecast(
                median: median,
                intervals: zip(QuantileForecast.standardLevels, [1.0, 2.5, 4.0]).map { level, factor in
                    PredictionInterval(level: level, lower: median - factor * spread, upper: median + factor * spread)
                }),
            actual: actual)
    }

    @Test func everyModelsMedianAndIntervalsAtEveryLevelRoundTrip() throws {
        let store = try FeatureStore.inMemory()
        let backtest = BacktestRecord(
            createdAt: store.timestamp(), fromDay: origin, toDay: origin.adding(days: 30), retrainEvery: 7,
            ensemble: 1, settingsJSON: #"{"window":15}"#,
            forecasts: [
                forecast("drift", horizon: 1, median: 10.25, actual: 11, spread: 0.5),
                forecast("lstm-returns", horizon: 1, median: 10, actual: 11, spread: 1),
                forecast("lstm-returns", horizon: 2, median: 10.5, actual: 9, spread: 1.5),
                forecast("persistence", horizon: 1, median: 10.5, actual: 11, spread: 0.75),
            ])
        let id = try store.write(command: "backtest") { try $0.record(backtest) }
        var expected = backtest
        expected.id = id
        let stored = try #require(try store.backtests.latest())
        #expect(stored == expected)
        #expect(stored.forecasts.allSatisfy { $0.forecast.intervals.map(\.level) == [0.5, 0.8, 0.95] })
        #expect(stored.models == ["drift", "lstm-returns", "persistence"])
        #expect(stored.forecasts[1].forecast.value(atQuantile: 0.25) == 9)
        #expect(try store.backtests.ids() == [id])
        #expect(try store.backtests.run(id: id + 1) == nil)
    }

    @Test func storedForecastsScoreLikeTheOriginals() throws {
        let store = try FeatureStore.inMemory()
        let rows = [
            forecast("persistence", horizon: 1, median: 10, actual: 12, spread: 0.5),
            forecast("persistence", horizon: 2, median: 10, actual: 10.2, spread: 1),
        ]
        let backtest = BacktestRecord(
            createdAt: store.timestamp(), fromDay: origin, toDay: origin, retrainEvery: 1, ensemble: 1,
            forecasts: rows)
        _ = try store.write(command: "backtest") { try $0.record(backtest) }
        let stored = try #require(try store.backtests.latest())
        #expect(stored.scores(for: "persistence") == rows.map(\.scored))
        #expect(stored.scores(for: "drift").isEmpty)
    }
}
