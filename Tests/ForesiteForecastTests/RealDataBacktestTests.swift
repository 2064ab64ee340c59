import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteTestSupport
import Testing

/// The 2024 walk-forward on the real Kraken SOL/BTC and Fear & Greed samples, monthly retraining,
/// with one epoch so it stays a test (the full 300-epoch run is `foresite-bench backtest`).
@Suite struct RealDataBacktestTests {
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
    func backtestOver2024WithMonthlyRetrainingRunsEndToEnd() throws {
        let frame = try SharedSamples.frame()
        var config = Config()
        config.model.epochs = 1
        let from = Day(iso: "2024-01-01")!
        let to = Day(iso: "2024-12-12")!
        let settings = BacktestSettings(config: config, from: from, to: to, retrainEvery: 30, ensemble: 1)
        let result = try Backtest.walkForward(frame: frame, settings: settings)

        // 347 days from 1 January to 12 December 2024; every one has a window and ten known targets.
        #expect(result.origins.count == 347)
        #expect(result.skippedOrigins.isEmpty)
        #expect(result.forecasts.count == 347 * 5 * 10)
        #expect(result.trainings.count == 12 * 2)
        #expect(result.trainings.last?.trainedThrough == Day(iso: "2024-11-26"))

        // Naive MAE at horizon 1 computed independently from the opens.
        let opens = try frame.values(of: "solana.open")
        let firstIndex = try #require(frame.rowIndex(of: from))
        let naiveErrors = (firstIndex..<(firstIndex + 347)).map { abs(opens[$0 + 1] - opens[$0]) }
        let naive = try #require(result.metrics(for: .naive)[horizon: 1])
        #expect(abs(naive.mae - naiveErrors.reduce(0, +) / 347) < 1e-9)
        // Kraken's next open is the last close on every day of the sample, so the naive-close baseline
        // knows horizon 1 exactly: the "stale by a day" gap naive leaves is visible in the table.
        #expect(try #require(result.metrics(for: .naiveClose)[horizon: 1]).mae == 0)

        for model in [BacktestModel.lstmReturns, .lstmSeed] {
            let overall = try #require(result.metrics(for: model).overall)
            #expect(overall.count == 3470)
            #expect(overall.mae.isFinite)
            #expect(overall.intervals.map(\.level) == [0.8, 0.95])
            #expect(overall.intervals.allSatisfy { (0...1).contains($0.coverage) && $0.meanWidth > 0 })
        }
        #expect(result.summaryTable().contains("347 origins"))
    }
}
