import ForesiteCore
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

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
                workspace, store: store, isDemo: true, updater: DailyRun.demoUpdater)
            #expect(report.outcome == .ok)
            if report.training != nil { trainings += 1 }
            #expect(report.prediction?.append == .appended)
        }
        // Retraining every 7 days over 30 days: days 0, 7, 14, 21, 28.
        #expect(trainings == 5)

        let lastDay = Self.firstDay.adding(days: 29)
        let store = try demo.on(lastDay).openStore()
        let forecasts = try store.ledger.forecasts()
        #expect(forecasts.count == 30)
        #expect(forecasts.allSatisfy { $0.steps.count == 10 })

        // A forecast made on day d from origin d−1 targets d−1+h; its actual is known once that day closed
        // (by the last run, days up to lastDay−1 are complete).
        let live = try store.ledger.liveAccuracy()
        for horizon in 1...10 {
            let known = (0..<30).filter { offset in
                Self.firstDay.adding(days: offset - 1 + horizon) <= lastDay.adding(days: -1)
            }.count
            #expect(live.horizons.first { $0.horizon == horizon }?.count ?? 0 == known, "horizon \(horizon)")
        }
        let accuracy = try String(
            contentsOf: demo.workspace.outputURL.appendingPathComponent("accuracy.html"), encoding: .utf8)
        #expect(accuracy.contains("Demo data"))

        // The same store builds the same bytes.
        let before = try demo.outputFiles()
        _ = try SiteBuild.run(demo.on(lastDay), store: store, isDemo: true)
        #expect(try demo.outputFiles() == before)
        #expect(before["index.html"] != nil)
    }

    @Test func changingTheModelSectionRetrainsAndOtherwiseTheChampionIsReused() async throws {
        var demo = try DemoWorkspace(retrainEveryDays: 30)
        let day = Self.firstDay
        let first = try await DailyRun.run(
            demo.on(day), store: try demo.on(day).openStore(), isDemo: true, updater: DailyRun.demoUpdater)
        #expect(first.training != nil)

        let next = day.adding(days: 1)
        let unchanged = try await DailyRun.run(
            demo.on(next), store: try demo.on(next).openStore(), isDemo: true, updater: DailyRun.demoUpdater)
        #expect(unchanged.training == nil)
        #expect(try DailyRun.trainingDue(demo.on(next), store: try demo.on(next).openStore()) == nil)

        demo.workspace.config.model.hidden = 9
        let store = try demo.on(next).openStore()
        #expect(try DailyRun.trainingDue(demo.on(next), store: store) == "model configuration changed")
        let retrained = try await DailyRun.run(demo.on(next), store: store, isDemo: true, updater: DailyRun.demoUpdater)
        #expect(retrained.training?.promoted == true)
    }
}
