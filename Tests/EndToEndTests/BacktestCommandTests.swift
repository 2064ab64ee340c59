import ForesiteCore
import ForesiteForecast
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Testing

@testable import ForesiteCLI

/// `foresite backtest` from a store: defaults for the period, results stored in the archive, table printed.
struct BacktestCommandTests {
    let today = StoreFixtures.day("2024-08-01")

    @Test func backtestStoresEveryForecastAndPrintsTheTable() throws {
        let first = StoreFixtures.day("2024-01-01")
        let days = today.days(since: first)
        let store = try FeatureStore.inMemory(clock: .at(today))
        try store.write(command: "backfill") { writer in
            _ = try writer.upsert(StoreFixtures.candles(from: first, count: days, seed: 3), into: "solana")
            _ = try writer.upsert(
                StoreFixtures.candles(from: first, count: days, price: 30_000, seed: 4), into: "bitcoin")
            _ = try writer.upsert(StoreFixtures.fearGreed(from: first, count: days))
        }
        var config = Config()
        config.model.epochs = 2
        config.model.hidden = 4
        config.model.dense = 4
        config.model.horizon = 3
        config.models["lstm-seed"] = true
        // Seven months of data: too short for GARCH's 250 returns; the statistical models have tests of their own.
        config.models["garch"] = false
        config.models["quantile-ar"] = false
        let lines = LineCollector()
        let workspace = Workspace(config: config, clock: .at(today), console: .capturing(into: lines), environment: [:])

        let report = try Backtesting.run(
            workspace, store: store,
            options: Backtesting.Options(from: StoreFixtures.day("2024-07-20"), retrainEvery: 5, ensemble: 2))
        // The last complete day is 2024-07-31, so the default last origin is three days earlier.
        #expect(report.result.settings.to == StoreFixtures.day("2024-07-28"))
        #expect(report.result.origins.count == 9)
        let stored = try #require(try store.backtests.run(id: report.runID))
        #expect(stored.fromDay == StoreFixtures.day("2024-07-20"))
        #expect(stored.retrainEvery == 5)
        #expect(stored.ensemble == 2)
        let models = workspace.catalog.enabledIDs(config).map(\.rawValue)
        #expect(models == ["persistence", "drift", "lstm", "lstm-seed", "ensemble"])
        #expect(stored.forecasts.count == 9 * models.count * 3)
        #expect(Set(stored.models) == Set(models))
        #expect(stored.forecasts.allSatisfy { $0.forecast.intervals.map(\.level) == [0.5, 0.8, 0.95] })
        #expect(stored.scores(for: "persistence") == report.result.scores(for: .persistence))
        let table = report.result.summaryTable()
        #expect(table.contains("lstm-seed\n") && table.contains("ensemble\n"))
        #expect(table.contains("persistence (the reference)"))
        #expect(table.contains("rel WIS"))
        #expect(table.contains("80 %"))
        // Two retraining days (07-20, 07-25) × the two LSTMs; the other models are fitted at each origin.
        #expect(lines.text.contains("backtest 4/4"))
    }

    @Test func badOptionsAreRejectedBeforeAnythingRuns() {
        #expect(throws: (any Error).self) { try Foresite.parseAsRoot(["backtest", "--from", "2024-13-01"]) }
        #expect(throws: (any Error).self) { try Foresite.parseAsRoot(["backtest", "--retrain-every", "0"]) }
        #expect(throws: (any Error).self) { try Foresite.parseAsRoot(["backtest", "--ensemble", "0"]) }
    }
}
