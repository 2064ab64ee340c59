import ForesiteCore
import ForesiteForecast
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteCLI

/// `--jobs N`: parsed by the commands that train or fit, carried by the workspace to every parallel
/// stage, and without effect on the results.
struct JobsTests {
    let today = StoreFixtures.day("2024-08-01")

    @Test(arguments: ["train", "predict", "backtest", "run"])
    func jobsSetsTheWorkspacesBudget(command: String) throws {
        let workspace = Workspace(config: Config(), console: .silent, environment: [:])
        func applied(_ arguments: [String]) throws -> Workspace {
            let parsed = try Foresite.parseAsRoot([command] + arguments)
            let jobs: JobsOption? =
                switch parsed {
                case let train as TrainCommand: train.jobs
                case let predict as PredictCommand: predict.jobs
                case let backtest as BacktestCommand: backtest.jobs
                case let run as RunCommand: run.jobs
                default: nil
                }
            return try #require(jobs).applied(to: workspace)
        }
        #expect(try applied(["--jobs", "2"]).parallelism.jobs == 2)
        #expect(try applied(["--jobs", "1"]).parallelism.jobs == 1)
        #expect(try applied([]).parallelism === Parallelism.allCores)
        #expect(Parallelism.allCores.jobs == ProcessInfo.processInfo.activeProcessorCount)
        #expect(throws: (any Error).self) { try Foresite.parseAsRoot([command, "--jobs", "0"]) }
    }

    /// The same backtest (two LSTMs, ensembles of two) with one job and with two: identical forecasts, bit
    /// for bit.
    @Test func backtestForecastsAreTheSameWithOneAndTwoJobs() throws {
        let store = try seededStore()
        var config = Config()
        config.model.epochs = 2
        config.model.hidden = 4
        config.model.dense = 4
        config.model.horizon = 3
        config.models["lstm-seed"] = true
        config.models["garch"] = false
        config.models["quantile-ar"] = false
        var results: [[BacktestForecast]] = []
        for jobs in [1, 2] {
            var workspace = Workspace(config: config, clock: .at(today), console: .silent, environment: [:])
            workspace.parallelism = Parallelism(jobs: jobs)
            let report = try Backtesting.run(
                workspace, store: store,
                options: Backtesting.Options(from: StoreFixtures.day("2024-07-20"), retrainEvery: 5, ensemble: 2))
            results.append(report.result.forecasts)
        }
        #expect(results[0].count == 9 * 5 * 3)
        #expect(results[0] == results[1])
        let bits = results.map { rows in
            rows.flatMap { [$0.forecast.median] + $0.forecast.intervals.flatMap { [$0.lower, $0.upper] } }
                .map(\.bitPattern)
        }
        #expect(bits[0] == bits[1])
    }

    /// `predict` fits the day's models side by side: two models whose fits wait for each other both finish.
    @Test func predictionFitsTheModelsInParallel() throws {
        let store = try seededStore()
        var config = Config()
        config.models["lstm"] = false
        config.models["garch"] = false
        config.models["quantile-ar"] = false
        var workspace = Workspace(config: config, clock: .at(today), console: .silent, environment: [:])
        let meeting = Rendezvous(parties: 2)
        workspace.addedModels = [
            MeetingModel(name: "meeting-a", refit: .everyForecast, meeting: meeting),
            MeetingModel(name: "meeting-b", refit: .everyForecast, meeting: meeting),
        ]
        workspace.parallelism = Parallelism(jobs: 2)
        let report = try Prediction.run(workspace, store: store)
        #expect(report.forecast(of: "meeting-a")?.modelVersion == "met")
        #expect(report.forecast(of: "meeting-b")?.modelVersion == "met")
    }

    func seededStore() throws -> FeatureStore {
        let first = StoreFixtures.day("2024-01-01")
        let days = today.days(since: first)
        let store = try FeatureStore.inMemory(clock: .at(today))
        try store.write(command: "backfill") { writer in
            _ = try writer.upsert(StoreFixtures.candles(from: first, count: days, seed: 3), into: "solana")
            _ = try writer.upsert(
                StoreFixtures.candles(from: first, count: days, price: 30_000, seed: 4), into: "bitcoin")
            _ = try writer.upsert(StoreFixtures.fearGreed(from: first, count: days))
        }
        return store
    }
}
