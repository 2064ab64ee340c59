import ForesiteCore
import ForesiteSite
import ForesiteStore
import Foundation

/// `foresite run` of a `targets:` configuration: every target's daily run (update → train when due →
/// predict) in its own store, one after the other, then one build of the whole site.
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
        var reports: [(slug: String, report: DailyRun.Report)] = []
        var stale: [String: SiteContent.StaleNotice] = [:]
        for (index, target) in targets.enumerated() {
            let slug = target.config.target.group
            workspace.console.line("[\(index + 1)/\(targets.count)] \(slug) (\(target.config.target.instrument))")
            let store = try target.openStore()
            let report = try await DailyRun.run(
                target, store: store, updater: updater, firstStages: firstStages, extraStages: extraStages,
                buildsSite: false)
            stale[slug] = report.staleNotice
            reports.append((slug, report))
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
