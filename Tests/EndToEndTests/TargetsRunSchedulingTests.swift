import ForesiteCore
import ForesitePipeline
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteStore

/// How a daily run of a `targets:` site shares the cores between its targets, and what a failure stops.
@Suite(.serialized)
struct TargetsRunSchedulingTests {
    /// With two jobs, the first target runs on the calling task's own job and the second on a borrowed
    /// one. When the first ends, the third must start at once, while the second still runs: here the
    /// second waits at a rendezvous with the third, which it meets only if the third starts before the
    /// second ends (run one after the other, it waits alone and times out).
    @Test func aTargetStartsAsSoonAsTheOwnJobIsFreeWhileABorrowedOneStillRuns() async throws {
        let folder = try TemporaryDirectory(prefix: "foresite-own-job")
        let meeting = Rendezvous(parties: 2)
        let report = try await TargetsRun.run(
            ShardedRunTests.workspace(in: folder.url, jobs: 2), updater: DailyRun.demoUpdater,
            extraStages: [
                (
                    "meet",
                    { target, _ in
                        guard target.config.target.group != ShardedRunTests.slugs[0] else { return "first" }
                        // Long enough for the first target's run on a machine busy with the whole suite
                        // (it took over 20 s there); the old scheduling waits it out and fails.
                        return meeting.arrive(timeout: 300) ? "met" : "alone"
                    }
                )
            ])
        let met = report.targets.map { slug, run in (slug, run.stages.first { $0.name == "meet" }?.summary) }
        #expect(met.map(\.0) == ShardedRunTests.slugs)
        #expect(met.map(\.1) == ["first", "met", "met"])
    }

    /// Each target's site input is read as that target's run ends. A target whose ledger chain is broken
    /// must still stop the build, and only the build: every other target's forecasts of the day are
    /// recorded, and the published site stays as it was.
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
        try queue.write { db in
            try db.execute(sql: "DROP TRIGGER ledger_no_update")
            try db.execute(sql: "UPDATE ledger SET median = median * 0.9 WHERE position = 1")
        }
        queue.close()

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
