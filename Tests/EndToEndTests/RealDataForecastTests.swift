import ForesiteCore
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

/// The forecast made from the real Kraken samples on their last day: the close is the target, horizon 1
/// is a real forecast (its intervals have width), and the headline's reference is the origin's close.
struct RealDataForecastTests {
    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
    func horizonOneIsAForecastAndTheHeadlineQuotesTheOriginsClose() async throws {
        let directory = try TemporaryDirectory(prefix: "foresite-real-forecast")
        var config = Config()
        config.site.templates = SharedData.packageRoot.appendingPathComponent("templates").path
        config.site.staticFiles = SharedData.packageRoot.appendingPathComponent("site/static").path
        config.model.epochs = 3
        config.model.hidden = 8
        let solana = try SharedSamples.candles("sol-usd-kraken-daily-cryptocompare.csv")
        let origin = try #require(solana.last?.day)
        let workspace = Workspace(
            root: directory.url, config: config, clock: .at(origin.adding(days: 1)), console: .silent,
            environment: [:])
        let store = try workspace.openStore()
        try store.write(command: "backfill") { writer in
            _ = try writer.upsert(solana, into: "solana")
            _ = try writer.upsert(try SharedSamples.candles("btc-usd-kraken-daily-cryptocompare.csv"), into: "bitcoin")
            _ = try writer.upsert(try SharedSamples.fearGreed())
        }
        _ = try Training.run(workspace, store: store)
        let report = try Prediction.run(workspace, store: store)
        let lstm = try #require(report.forecast(of: .lstm))
        let persistence = try #require(report.persistence)
        // The origin is the last day every input has (the Fear & Greed sample may end before the prices).
        let originDay = report.published.origin
        #expect(originDay <= origin && originDay >= origin.adding(days: -7) && report.published.field == "close")
        let close = try #require(solana.first { $0.day == originDay }?.close)
        #expect(report.forecasts.allSatisfy { $0.reference == close && $0.origin == originDay })
        for forecast in report.forecasts + [report.published] {
            let first = try #require(forecast.steps.first?.forecast)
            #expect(first.intervals.map(\.level) == [0.5, 0.8, 0.95], "\(forecast.model)")
            #expect(first.intervals.allSatisfy { $0.width > 0.01 * close }, "\(forecast.model): \(first.intervals)")
            #expect(first.isNonCrossing)
        }
        #expect(lstm.steps.count == 10)
        #expect(persistence.steps.allSatisfy { $0.median == close })

        _ = try SiteBuild.run(workspace, store: store)
        let index = try String(contentsOf: workspace.outputURL.appendingPathComponent("index.html"), encoding: .utf8)
        #expect(index.contains("\(originDay.iso) close of $\(String(format: "%.2f", close))"))
    }
}
