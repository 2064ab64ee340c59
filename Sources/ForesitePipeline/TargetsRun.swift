import ForesiteCore
import ForesiteSite
import ForesiteStore
import Foundation

/// `foresite run` of a `targets:` configuration: every target's daily run (update → train when due →
/// predict) in its own store, as many side by side as `--jobs` allows, then one build of the whole site.
///
/// With `only` it is one shard of a larger job: the named targets' runs and nothing else. It writes only
/// those targets' folders (`data/<slug>/`) and builds no site, so shards on different machines never touch
/// the same file; the job that gathers their folders builds the site (`foresite build`), which gives the
/// same bytes as an unsharded run (`ShardedRunTests`).
public enum TargetsRun {
    public struct Report: Sendable {
        /// Each target's run, in configuration order.
        public var targets: [(slug: String, report: DailyRun.Report)]
        /// The site build; nil for a shard.
        public var site: SiteBuild.Report?

        /// Every failed source, once each, in the order the targets met them.
        public var outcome: DailyRun.Outcome {
            var failed: [String] = []
            for (_, report) in targets {
                if case .sourceFailed(let sources) = report.outcome {
                    for source in sources where !failed.contains(source) { failed.append(source) }
                }
            }
            return failed.isEmpty ? .ok : .sourceFailed(failed)
        }
    }

    public static func run(
        _ workspace: Workspace, only: [String] = [], updater: @escaping DailyRun.Updater,
        firstStages: [(name: String, run: @Sendable (Workspace, FeatureStore) async throws -> String)] = [],
        extraStages: [(name: String, run: @Sendable (Workspace, FeatureStore) throws -> String)] = []
    ) async throws -> Report {
        let targets = try workspace.targetWorkspaces(only: only)
        // Targets are independent (own store, own models), so they run side by side on the workspace's one
        // budget: the first on the calling task, each further one only while it holds a job borrowed from
        // the budget, which the targets' own trainings and fits borrow from too. At most `jobs` threads
        // compute in all, a lone last target still gets idle cores for its fits, and every result is the
        // same as a one-at-a-time run's.
        let budget = workspace.parallelism
        let sideBySide = budget.jobs > 1 && targets.count > 1
        if sideBySide { workspace.console.line("\(targets.count) targets, up to \(budget.jobs) at a time") }
        let prepared = targets.map { target in
            guard sideBySide else { return target }
            // Lines of targets running side by side interleave, so each says whose it is.
            var target = target
            let slug = target.config.target.group
            let console = workspace.console
            target.console = Console(isTerminal: false, line: { console.line("\(slug): \($0)") }, status: { _ in })
            return target
        }
        // The site's input is read target by target as each one's run ends, on the job the run held,
        // so that reading the first targets' ledgers overlaps the last targets' fits. A failed read is kept
        // for the build to report, so it never stops another target's run.
        let buildsSite = only.isEmpty
        var results = [DailyRun.Report?](repeating: nil, count: prepared.count)
        var loaded: [String: Result<SiteBuild.LoadedTarget, any Error>] = [:]
        try await withThrowingTaskGroup(
            of: (Int, DailyRun.Report, Result<SiteBuild.LoadedTarget, any Error>?, borrowed: Bool).self
        ) { group in
            var next = 0
            // Whether a target holds the calling task's own job. When that target ends, the next one takes
            // the job at once, whatever the borrowed ones are doing: waiting for them to end too left a core
            // idle, 0.4–0.5 s of the 2.3 s that 20 targets' runs took on 2 cores.
            var ownJobTaken = false
            func start(borrowed: Bool) {
                let index = next
                let target = prepared[index]
                next += 1
                if !sideBySide {
                    workspace.console.line(
                        "[\(index + 1)/\(prepared.count)] \(target.config.target.group) (\(target.config.target.instrument))"
                    )
                }
                if !borrowed { ownJobTaken = true }
                group.addTask {
                    // Given back by the task itself, so a failing target never keeps a job from the budget.
                    defer { if borrowed { budget.giveBack() } }
                    let store = try target.openStore()
                    var report = try await DailyRun.run(
                        target, store: store, updater: updater, firstStages: firstStages, extraStages: extraStages,
                        buildsSite: false)
                    guard buildsSite else { return (index, report, nil, borrowed) }
                    let content = loadInput(target, store: store, after: &report)
                    return (index, report, content, borrowed)
                }
            }
            func startMore() {
                if !ownJobTaken && next < prepared.count { start(borrowed: false) }
                while next < prepared.count && budget.borrow(upTo: 1) == 1 { start(borrowed: true) }
            }
            startMore()
            while let (index, report, content, borrowed) = try await group.next() {
                if !borrowed { ownJobTaken = false }
                results[index] = report
                loaded[prepared[index].config.target.group] = content
                startMore()
            }
        }
        let reports = zip(prepared, results).map { target, report in (target.config.target.group, report!) }
        guard buildsSite else { return Report(targets: reports, site: nil) }
        let site = try SiteBuild.run(workspace, preloaded: loaded)
        var inputs = Array(loaded.values)
        loaded = [:]
        inputs.removeAllConcurrently(in: budget)
        workspace.console.line(
            DailyRun.Stage(
                name: "build", seconds: site.seconds,
                summary: "\(site.files) files, \(site.bytes / 1024) KB into \(site.output)/ (\(targets.count) targets)"
            ).line)
        if let warning = site.sizeWarning { workspace.console.line(warning) }
        return Report(targets: reports, site: site)
    }

    /// A target's site input, read after its run (`report`, which gets the `input` stage), with its
    /// stale-data banner; a failure is kept for the build to report.
    private static func loadInput(_ target: Workspace, store: FeatureStore, after report: inout DailyRun.Report)
        -> Result<SiteBuild.LoadedTarget, any Error>
    {
        let started = Date()
        let content = Result { try SiteBuild.load(target, store: store, staleNotice: report.staleNotice) }
        let summary =
            switch content {
            case .success(let loaded): "site input read: " + loaded.content.ledgerVerification.walkSummary
            case .failure(let error): "site input not read: \(error)"
            }
        let stage = DailyRun.Stage(name: "input", seconds: Date().timeIntervalSince(started), summary: summary)
        target.console.line(stage.line)
        report.stages.append(stage)
        return content
    }
}
