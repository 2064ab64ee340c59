import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteTestSupport
import Foundation
import Testing

/// The statistical models on the real Kraken SOL/BTC and Fear & Greed samples: a 2024 walk-forward
/// (origins 2024-01-01…2024-12-12, refitted every 30 days) against persistence. The relative WIS per
/// horizon is printed for the record; only sanity is asserted, since the figures are what they are.
/// `garch-daily` refits at every origin, as the live pipeline does; `ewma` is RiskMetrics for comparison.
@Suite struct StatisticalModelsRealDataTests {
    static let from = Day(iso: "2024-01-01")!
    static let to = Day(iso: "2024-12-12")!

    static func origins() -> [Day] {
        (0...(to.daysSinceEpoch - from.daysSinceEpoch)).map { from.adding(days: $0) }
    }

    @Test(
        .enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)),
        arguments: ["garch", "garch-daily", "ewma", "quantile-ar", "quantile-ar-lags-only"])
    func walkForwardOver2024(model name: String) throws {
        var data = ModelData(frame: try SharedSamples.frame(), config: Config())
        if name == "quantile-ar-lags-only" {
            // The same model without covariates: what they add or cost.
            data = ModelData(
                frame: data.frame, target: data.target, reference: data.reference, inputs: [data.reference],
                horizon: data.horizon, levels: data.levels)
        }
        let model: any ForecastModel =
            switch name {
            case "ewma": GARCHModel(volatility: .ewma(lambda: 0.94))
            case "quantile-ar", "quantile-ar-lags-only": QuantileARModel()
            default: GARCHModel()
            }
        let run = try ModelWalkForward(
            model, data: data, origins: Self.origins(), refitEvery: name == "garch-daily" ? 1 : 30)
        let (horizons, overall) = SkillComparison.table(model: run.model, baseline: run.baseline)
        let perHorizon = horizons.map { String(format: "%.3f", $0.relativeWIS) }.joined(separator: " ")
        let coverage = overall.model.coverage.map { String(format: "%.0f%%", 100 * $0.observed) }
            .joined(separator: "/")
        print(
            "2024 \(name): relative WIS by horizon 1…10: \(perHorizon); overall "
                + String(format: "%.3f", overall.relativeWIS)
                + " (\(overall.verdict.rawValue), DM p \(String(format: "%.3f", overall.test?.pValue ?? .nan)))"
                + "; coverage 50/80/95 \(coverage); persistence's "
                + overall.baseline.coverage.map { String(format: "%.0f%%", 100 * $0.observed) }.joined(separator: "/")
                + "; \(run.fits) fits, "
                + String(format: "%.1f ms a fit", 1000 * run.fitSeconds / Double(run.fits)))
        #expect(run.forecasts.count == 347 * 10)
        #expect(overall.pairs == 3470)
        #expect(horizons.count == 10)
        #expect(horizons.allSatisfy { $0.relativeWIS.isFinite && $0.relativeWIS > 0 })
        #expect(run.forecasts.allSatisfy { $0.isNonCrossing && $0.median.isFinite && $0.median > 0 })
    }
}
