import ArgumentParser
import ForesiteCLI
import ForesiteCore
import ForesitePipeline
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteStore

/// A change to one ledger row made through SQLite directly (the append-only trigger dropped first) is
/// caught by `status` and by every build, and the published site stays as it was.
@Suite(.serialized)
struct LedgerChainTests {
    @Test func aPlantedChangeIsDetectedByStatusAndByTheBuild() async throws {
        let demo = try DemoWorkspace()
        let firstDay = Day(iso: "2020-03-01")!
        for offset in 0..<3 {
            let workspace = demo.on(firstDay.adding(days: offset))
            _ = try await DailyRun.run(
                workspace, store: try workspace.openStore(), updater: DailyRun.demoUpdater)
        }
        let today = firstDay.adding(days: 2)
        let workspace = demo.on(today)
        let ledgerCSV = workspace.outputURL.appendingPathComponent("downloads/ledger.csv")
        let published = try String(contentsOf: ledgerCSV, encoding: .utf8)
        let models = workspace.catalog.enabledIDs(workspace.config).count + 1  // and the published row
        let lines: Int = published.split(separator: "\n").count
        #expect(lines == 1 + 3 * models * 10, "header + 3 days × every model × 10 horizons")
        let status = try StatusReport.make(store: try workspace.openStore(), config: workspace.config)
        let statusText = status.render()
        #expect(statusText.contains("\(3 * models * 10) forecasts since \(firstDay.iso), chain verified"))
        let target = try #require(
            try workspace.openStore().ledger.records().firstIndex {
                $0.madeOn == firstDay.adding(days: 1) && $0.model == "lstm" && $0.horizon == 3
            })

        // Lower one median of the second day's LSTM forecast, as someone editing the file by hand would.
        let queue = try DatabaseQueue(path: workspace.storeURL.path)
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_no_update")
            try db.execute(
                sql: "UPDATE ledger SET median = median * 0.9 WHERE made_on = ? AND model = 'lstm' AND horizon = 3",
                arguments: [firstDay.adding(days: 1).iso])
        }
        queue.close()

        let store = try workspace.openStore()
        let report = try StatusReport.make(store: store, config: workspace.config)
        let broken = try #require(report.ledgerVerification?.firstBroken)
        #expect(broken.madeOn == firstDay.adding(days: 1) && broken.model == "lstm" && broken.horizon == 3)
        #expect(report.render().contains("ledger chain broken at row \(target + 1)"))

        let configPath = demo.directory.path("foresite.yml").path
        try "store:\n  path: \(workspace.storeURL.path)\n".write(toFile: configPath, atomically: true, encoding: .utf8)
        var command = try #require(
            try Foresite.parseAsRoot(["status", "--config", configPath, "--now", today.iso])
                as? any AsyncParsableCommand)
        await #expect(throws: ExitCode(1)) { try await command.run() }

        let summary = try #require(report.ledgerVerification?.summary)
        #expect(throws: PipelineError.ledgerChainBroken(summary)) {
            try SiteBuild.run(workspace, store: store)
        }
        #expect(try String(contentsOf: ledgerCSV, encoding: .utf8) == published, "the published site is kept")
    }
}
