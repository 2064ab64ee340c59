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
        config.models["lstm-seed"] = true
        let from = Day(iso: "2024-01-01")!
        let to = Day(iso: "2024-12-12")!
        let catalog = ModelCatalog.standard(config: config)
        let settings = BacktestSettings(config: config, from: from, to: to, retrainEvery: 30, catalog: catalog)
        let result = try Backtest.walkForward(frame: frame, settings: settings, catalog: catalog)
        let models = settings.models

        // 347 days from 1 January to 12 December 2024; every one has a window and ten known targets.
        #expect(settings.target == "solana.close")
        #expect(result.origins.count == 347)
        #expect(result.skippedOrigins.isEmpty)
        #expect(models.starts(with: ["persistence", "drift", "lstm", "lstm-seed"]) && models.last == "ensemble")
        #expect(result.forecasts.count == 347 * models.count * 10)
        #expect(result.fits.filter { $0.model.rawValue.hasPrefix("lstm") }.count == 12 * 2)
        #expect(result.fits.last?.fittedThrough == Day(iso: "2024-11-26"))

        // Persistence's MAE at horizon 1 computed independently from the closes, and its 1-day
        // intervals have width: the next close is not known at the origin.
        let closes = try frame.values(of: "solana.close")
        let firstIndex = try #require(frame.rowIndex(of: from))
        let errors = (firstIndex..<(firstIndex + 347)).map { abs(closes[$0 + 1] - closes[$0]) }
        let (persistence, _) = result.skill(of: .persistence)
        let dayAhead = try #require(persistence.first)
        #expect(abs(dayAhead.model.mae - errors.reduce(0, +) / 347) < 1e-9)
        #expect(abs(dayAhead.relativeWIS - 1) < 1e-12)
        #expect(
            result.forecasts.filter { $0.model == "persistence" && $0.horizon == 1 }.allSatisfy {
                $0.forecast.intervals.allSatisfy { $0.width > 0 }
            })

        for model in models where model != .persistence {
            let (horizons, overall) = result.skill(of: model)
            #expect(horizons.count == 10)
            #expect(overall.pairs == 3470)
            #expect(overall.relativeWIS.isFinite && overall.relativeWIS > 0)
            #expect(overall.model.coverage.map(\.level) == [0.5, 0.8, 0.95])
            #expect(overall.model.coverage.allSatisfy { (0...1).contains($0.observed) })
        }
        #expect(result.summaryTable().contains("347 origins"))
    }
}
