import ForesiteCore
import ForesiteForecast
import ForesiteSite
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesitePipeline

/// A model defined only here, in the test: the latest close plus 1 %, with persistence's spread.
private struct OnePercentUp: ForecastModel {
    var id: ModelID { "one-percent-up" }
    var enabledByDefault: Bool { true }
    var refit: ModelRefit { .everyForecast }

    func describe(_ data: ModelData) -> ModelDescription {
        ModelDescription(
            id: id, title: "One percent up", method: "The latest close plus 1 % at every horizon.",
            inputs: [data.reference], parameters: [.init("step", "1 %")])
    }

    func fit(_ data: ModelData) throws -> any FittedModel { Fitted() }

    struct Fitted: FittedModel {
        var version: String { "one-percent-up v1" }
        func forecast(_ data: ModelData) throws -> [QuantileForecast] {
            try PersistenceModel().fit(data).forecast(data).map { $0.recentred(on: $0.median * 1.01) }
        }
    }
}

/// Issue 12: adding a model is one file plus one registry line. Here the "file" is this test's type and the
/// "line" is `addedModels`: it reaches the backtest, the ledger, the leaderboard and the model pages.
@Suite(.serialized)
struct AddedModelTests {
    @Test func aModelDefinedInATestJoinsEveryStage() async throws {
        var demo = try DemoWorkspace()
        demo.workspace.addedModels = [OnePercentUp()]
        let firstDay = Day(iso: "2020-03-01")!
        for offset in 0..<12 {
            let workspace = demo.on(firstDay.adding(days: offset))
            let report = try await DailyRun.run(
                workspace, store: try workspace.openStore(), updater: DailyRun.demoUpdater)
            #expect(report.prediction?.forecast(of: "one-percent-up") != nil)
        }
        let today = firstDay.adding(days: 11)
        let workspace = demo.on(today)
        let store = try workspace.openStore()

        // The ledger: one forecast a day, and a member of the ensemble.
        let ledger = try store.ledger.forecasts(model: "one-percent-up")
        #expect(ledger.count == 12 && ledger.allSatisfy { $0.modelVersion == "one-percent-up v1" })
        let ensemble = try #require(try store.ledger.latest(model: "ensemble"))
        #expect(ensemble.modelVersion.contains("one-percent-up"))

        // The backtest.
        let backtest = try Backtesting.run(
            workspace, store: store,
            options: Backtesting.Options(from: today.adding(days: -25), to: today.adding(days: -11)))
        #expect(backtest.result.models.contains("one-percent-up"))
        #expect(backtest.result.skill(of: "one-percent-up").overall.pairs == 15 * 10)

        // The leaderboard and the model pages' content.
        let content = try SiteContentLoader.load(workspace, from: store, staleNotice: nil)
        #expect(content.leaderboards.first?.tables.contains { $0.model == "one-percent-up" } == true)
        #expect(content.backtest?.tables.contains { $0.model == "one-percent-up" } == true)
        let summary = try #require(content.modelSummaries.first { $0.id == "one-percent-up" })
        #expect(summary.title == "One percent up" && summary.enabled)
        #expect(content.archive.last?.forecasts.contains { $0.model == "one-percent-up" } == true)
    }
}
