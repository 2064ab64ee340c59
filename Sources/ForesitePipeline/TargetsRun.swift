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
        // Targets are independent (own store, own models), so up to `jobs` of them run at once, the jobs
        // shared out among them: at most `jobs` threads compute in all, and every result is the same as
        // a one-at-a-time run's.
        let jobs = workspace.parallelism.jobs
        let concurrent = max(1, min(jobs, targets.count))
        let shared = concurrent == 1 ? workspace.parallelism : Parallelism(jobs: jobs / concurrent)
        let prepared = targets.enumerated().map { index, target in
            var target = target
            target.parallelism = shared
            let slug = target.config.target.group
            if concurrent == 1 {
                workspace.console.line("[\(index + 1)/\(targets.count)] \(slug) (\(target.config.target.instrument))")
            } else {
                // Lines of targets running side by side interleave, so each says whose it is.
                let console = workspace.console
                target.console = Console(
                    isTerminal: false, line: { console.line("\(slug): \($0)") }, status: { _ in })
                if index == 0 {
                    console.line("\(targets.count) targets, \(concurrent) at a time")
                }
            }
            return target
        }
        var results = [DailyRun.Report?](repeating: nil, count: prepared.count)
        try await withThrowingTaskGroup(of: (Int, DailyRun.Report).self) { group in
            var next = 0
            func start() {
                let index = next
                let target = prepared[index]
                next += 1
                group.addTask {
                    let store = try target.openStore()
                    let report = try await DailyRun.run(
                        target, store: store, updater: updater, firstStages: firstStages, extraStages: extraStages,
                        buildsSite: false)
                    return (index, report)
                }
            }
            while next < min(concurrent, prepared.count) { start() }
            while let (index, report) = try await group.next() {
                results[index] = report
                if next < prepared.count { start() }
            }
        }
        var reports: [(slug: String, report: DailyRun.Report)] = []
        var stale: [String: SiteContent.StaleNotice] = [:]
        for (target, report) in zip(prepared, results) {
            let slug = target.config.target.group
            stale[slug] = report!.staleNotice
            reports.append((slug, report!))
        }
        guard only.isEmpty else { return Report(targets: reports, site: nil) }
        let started = Date()
        let site = try SiteBuild.run(workspace, staleNotices: stale)
        workspace.console.line(
            String(
                format: "%-9@ %6.2f s  %@", "build", Date().timeIntervalSince(started),
                "\(site.files) files, \(site.bytes / 1024) KB into \(site.output)/ (\(targets.count) targets)"))
        return Report(targets: reports, site: site)
    }
}
