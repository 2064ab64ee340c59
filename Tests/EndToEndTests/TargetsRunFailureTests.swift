import ForesiteCore
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Foundation
import GRDB
import Testing

/// A daily run of a `targets:` site reads each target's site input as that target's run ends. A target
/// whose ledger chain is broken must still stop the build, and only the build: every other target's
/// forecasts of the day are recorded, and the published site stays as it was.
@Suite(.serialized)
struct TargetsRunFailureTests {
    @Test func aBrokenChainInOneTargetStopsTheBuildButNoOtherTargetsRun() async throws {
        let folder = try TemporaryDirectory(prefix: "foresite-broken-target")
        let day = ShardedRunTests.day
        _ = try await TargetsRun.run(ShardedRunTests.workspace(in: folder.url, jobs: 2), updater: DailyRun.demoUpdater)
        let index = ShardedRunTests.workspace(in: folder.url).outputURL.appendingPathComponent("index.html")
        let published = try Data(contentsOf: index)

        // One median of alpha's first forecast lowered through SQLite, the append-only trigger dropped first.
        let workspace = ShardedRunTests.workspace(in: folder.url, jobs: 2)
        let alpha = try #require(workspace.targetWorkspaces.first { $0.config.target.group == "alpha" })
        #expect(FileManager.default.fileExists(atPath: alpha.storeURL.path))
        let queue = try DatabaseQueue(path: alpha.storeURL.path)
        try await queue.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_no_update")
            try db.execute(sql: "UPDATE ledger SET median = median * 0.9 WHERE position = 1")
        }
        try queue.close()

        var next = workspace
        next.clock = .at(day.adding(days: 1))
        do {
            _ = try await TargetsRun.run(next, updater: DailyRun.demoUpdater)
            Issue.record("the build went on with a broken chain")
        } catch PipelineError.ledgerChainBroken(let summary) {
            #expect(summary.hasPrefix("alpha: "), "names the target: \(summary)")
        }
        for target in next.targetWorkspaces {
            let made = try target.openStore().ledger.forecasts(from: day.adding(days: 1), to: day.adding(days: 1))
            #expect(!made.isEmpty, "\(target.config.target.group) recorded the day's forecasts")
        }
        #expect(try Data(contentsOf: index) == published, "the published site is kept")
    }
}
