import ForesiteCore
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesitePipeline

/// The daily job end to end, in-process, on the demo market.
@Suite(.serialized)
struct DailyRunTests {
    static let firstDay = Day(iso: "2020-03-01")!

    @Test func thirtySimulatedDaysFillTheLedgerAndTheAccuracyPage() async throws {
        let demo = try DemoWorkspace()
        var trainings = 0
        for offset in 0..<30 {
            let workspace = demo.on(Self.firstDay.adding(days: offset))
            let store = try workspace.openStore()
            let report = try await DailyRun.run(
                workspace, store: store, updater: DailyRun.demoUpdater)
            #expect(report.outcome == .ok)
            if report.training != nil { trainings += 1 }
            #expect(report.prediction?.append == .appended)
        }
        // Retraining every 7 days over 30 days: days 0, 7, 14, 21, 28.
        #expect(trainings == 5)

        let lastDay = Self.firstDay.adding(days: 29)
        let store = try demo.on(lastDay).openStore()
        let forecasts = try store.ledger.forecasts()
        let models = demo.workspace.catalog.enabledIDs(demo.workspace.config) + [.published]
        #expect(forecasts.count == 30 * models.count, "every model's forecast of each day, and the published one")
        #expect(Set(forecasts.map(\.model)) == Set(models))
        #expect(forecasts.allSatisfy { $0.steps.count == 10 && $0.field == "close" })
        #expect(try store.ledger.verify().isVerified)

        // A forecast made on day d from origin d−1 targets d−1+h; its actual is known once that day closed
        // (by the last run, days up to lastDay−1 are complete).
        let live = LiveScores(
            forecasts: forecasts, actuals: LiveScores.Actuals(candles: try store.candles(group: "solana")))
        let scored = live.scored(.lstm)
        for horizon in 1...10 {
            let known = (0..<30).filter { offset in
                Self.firstDay.adding(days: offset - 1 + horizon) <= lastDay.adding(days: -1)
            }.count
            #expect(scored.filter { $0.horizon == horizon }.count == known, "horizon \(horizon)")
        }
        #expect(live.skillTable(of: .lstm)?.overall.pairs == scored.count)
        // The archive takes each day's forecasts as a run of the ledger's, which come in day order; in any
        // other order they are put in day order first, and the days are the same.
        let order = demo.workspace.catalog.ids
        let days = LiveLeaderboard(scores: live, asOf: lastDay).archive(order: order)
        #expect(days.map(\.madeOn) == (0..<30).map { Self.firstDay.adding(days: $0) })
        #expect(days.allSatisfy { $0.forecasts.count == models.count - 1 && $0.published != nil })
        let reversed = LiveScores(forecasts: forecasts.reversed(), actuals: live.actuals)
        #expect(LiveLeaderboard(scores: reversed, asOf: lastDay).archive(order: order) == days)
        let accuracy = try String(
            contentsOf: demo.workspace.outputURL.appendingPathComponent("accuracy.html"), encoding: .utf8)
        #expect(accuracy.contains("Demo data"))

        // The same store builds the same bytes.
        let before = try demo.outputFiles()
        _ = try SiteBuild.run(demo.on(lastDay), store: store)
        #expect(try demo.outputFiles() == before)
        #expect(before["index.html"] != nil)
    }

    /// `run --demo`'s first run: sixty simulated days, so the live-accuracy table is filled.
    @Test func theDemoHistoryFillsTheLiveAccuracyTable() async throws {
        let demo = try DemoWorkspace()
        let today = Self.firstDay.adding(days: 400)
        let workspace = demo.on(today)
        let store = try workspace.openStore()
        let report = try await DailyRun.run(
            workspace, store: store, updater: DailyRun.demoUpdater, firstStages: [DemoHistory.stage()])
        #expect(report.outcome == .ok)
        #expect(report.stages.first?.summary.hasPrefix("simulated 60 daily runs (9 trainings)") == true)
        let forecasts = try store.ledger.forecasts(model: .lstm)
        #expect(forecasts.count == 61 && forecasts.first?.madeOn == today.adding(days: -60))
        let live = LiveScores(
            forecasts: try store.ledger.forecasts(),
            actuals: LiveScores.Actuals(candles: try store.candles(group: "solana")))
        let skill = try #require(live.skillTable(of: .lstm))
        #expect(skill.overall.pairs >= 50)
        let accuracy = try String(
            contentsOf: workspace.outputURL.appendingPathComponent("accuracy.html"), encoding: .utf8)
        let rows = try store.ledger.verify().count
        let chainLine = "\(rows) forecasts since \(today.adding(days: -60).iso), chain verified"
        #expect(accuracy.contains(chainLine))
        #expect(accuracy.contains(skill.overall.verdict.phrase))
        // A second run the same day simulates nothing again.
        let again = try await DemoHistory.run(workspace, store: store)
        #expect(again == "the last 60 days are already in the ledger")
    }

    @Test func changingTheModelSectionRetrainsAndOtherwiseTheChampionIsReused() async throws {
        var demo = try DemoWorkspace(retrainEveryDays: 30)
        let day = Self.firstDay
        let first = try await DailyRun.run(
            demo.on(day), store: try demo.on(day).openStore(), updater: DailyRun.demoUpdater)
        #expect(first.training != nil)

        let next = day.adding(days: 1)
        let unchanged = try await DailyRun.run(
            demo.on(next), store: try demo.on(next).openStore(), updater: DailyRun.demoUpdater)
        #expect(unchanged.training == nil)
        #expect(try DailyRun.trainingDue(demo.on(next), store: try demo.on(next).openStore()) == nil)

        demo.workspace.config.model.hidden = 9
        let store = try demo.on(next).openStore()
        #expect(try DailyRun.trainingDue(demo.on(next), store: store) == "model configuration changed")
        let retrained = try await DailyRun.run(demo.on(next), store: store, updater: DailyRun.demoUpdater)
        #expect(retrained.training?.promoted == true)
    }
}
