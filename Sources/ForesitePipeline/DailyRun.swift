import ForesiteCore
import ForesiteForecast
import ForesiteSite
import ForesiteStore
import Foundation

/// `foresite run`: update → train when due → predict → build, timing each stage.
///
/// A failing source does not stop the run: the other stages work from the stored data, the site gets a
/// "data as of DAY — source X failed" banner, and the outcome says so (the CLI exits with code 3).
public enum DailyRun {
    public struct Stage: Sendable {
        public var name: String
        public var seconds: Double
        public var summary: String

        /// "predict     0.12 s  …", as a run prints each stage.
        var line: String { String(format: "%-9@ %6.2f s  %@", name, seconds, summary) }
    }

    public enum Outcome: Sendable, Equatable {
        case ok
        case sourceFailed([String])
    }

    public struct Report: Sendable {
        public var stages: [Stage]
        public var outcome: Outcome
        public var training: Training.Report?
        public var prediction: Prediction.Report?
        public var site: SiteBuild.Report?
        /// The stale-data banner the site gets when a source failed (for a build made after the run).
        public var staleNotice: SiteContent.StaleNotice?
    }

    /// Fetches new data into the store (the APIs, or the demo market). A failing source is reported in
    /// the result; a throw means nothing could be fetched, and the run goes on from the stored data.
    public typealias Updater = @Sendable (Workspace, FeatureStore) async throws -> SourceUpdate

    /// The live APIs of the configuration.
    public static let liveUpdater: Updater = { workspace, store in try await Ingestion.update(workspace, store: store) }

    /// The seeded synthetic market, through the last closed day of the workspace's clock.
    public static let demoUpdater: Updater = { workspace, store in
        try await Ingestion.run(
            .update, workspace, store: store,
            sources: .demo(
                config: workspace.config, clock: workspace.clock, numbering: workspace.demoInstruments,
                root: workspace.root))
    }

    public static func run(
        _ workspace: Workspace, store: FeatureStore, updater: Updater,
        firstStages: [(name: String, run: @Sendable (Workspace, FeatureStore) async throws -> String)] = [],
        extraStages: [(name: String, run: @Sendable (Workspace, FeatureStore) throws -> String)] = [],
        buildsSite: Bool = true
    ) async throws -> Report {
        var stages: [Stage] = []
        func timed<T>(_ name: String, _ body: () async throws -> (T, String)) async rethrows -> T {
            let started = Date()
            let (value, summary) = try await body()
            let stage = Stage(name: name, seconds: Date().timeIntervalSince(started), summary: summary)
            stages.append(stage)
            workspace.console.line(stage.line)
            return value
        }

        for stage in firstStages {
            try await timed(stage.name) { ((), try await stage.run(workspace, store)) }
        }

        let update = await timed("update") { () -> (SourceUpdate, String) in
            do {
                let update = try await updater(workspace, store)
                let failed = update.failures.map { "\($0.source) failed: \($0.message)" }
                return (update, ([update.changeLine] + failed).filter { !$0.isEmpty }.joined(separator: "; "))
            } catch PipelineError.allSourcesFailed(let failures) {
                return (SourceUpdate(failures: failures), "failed: " + failures.map(\.line).joined(separator: "; "))
            } catch {
                let failure = SourceUpdate.Failure(source: "update", group: nil, problem: "\(error)")
                return (SourceUpdate(failures: [failure]), "failed: \(error)")
            }
        }

        // With a source down the stored data is stale: keep the champion and the last forecast (a new
        // ledger row from the same data would only repeat it under a later date) and rebuild the site.
        // One name per source, in the order they failed (a source serving several groups fails once each).
        let sourcesFailed = update.failures.map(\.source).reduce(into: [String]()) { names, source in
            if !names.contains(source) { names.append(source) }
        }
        let skipped = "skipped: \(sourcesFailed.joined(separator: ", ")) failed"

        let training = try await timed("train") { () -> (Training.Report?, String) in
            guard sourcesFailed.isEmpty else { return (nil, skipped) }
            guard let reason = try trainingDue(workspace, store: store) else {
                return (nil, "reused champion \(try store.registry.champion()?.version ?? "?")")
            }
            let report = try Training.run(workspace, store: store)
            let verdict = report.promoted ? "promoted" : "not promoted"
            return (report, "\(reason): trained \(report.version), \(verdict) (\(report.promotionReason))")
        }

        for stage in extraStages {
            try await timed(stage.name) { ((), try stage.run(workspace, store)) }
        }

        let prediction = try await timed("predict") { () -> (Prediction.Report?, String) in
            guard sourcesFailed.isEmpty else { return (nil, skipped) }
            let report = try Prediction.run(workspace, store: store)
            let published = report.published
            let first = published.steps.first.map { String(format: "%@ %.2f", $0.targetDay.iso, $0.median) } ?? ""
            let written = report.append == .appended ? "appended" : "already in ledger"
            let chosen = ModelSelection.Choice.label(ofLedgerVersion: published.modelVersion)
            return (
                report,
                "\(report.forecasts.count) models × \(published.steps.count) days from \(published.origin), "
                    + "published \(chosen) (\(first) …), \(written)"
            )
        }

        let stale: SiteContent.StaleNotice? =
            sourcesFailed.isEmpty
            ? nil
            : SiteContent.StaleNotice(
                dataAsOf: try store.lastCompleteDay(group: workspace.config.target.group)
                    ?? workspace.today.adding(days: -1),
                failedSources: sourcesFailed)
        var site: SiteBuild.Report?
        if buildsSite {
            site = try await timed("build") { () -> (SiteBuild.Report, String) in
                let report = try SiteBuild.run(workspace, store: store, staleNotice: stale)
                return (report, "\(report.files) files, \(report.bytes / 1024) KB into \(report.output)/")
            }
        }
        if let warning = site?.sizeWarning { workspace.console.line(warning) }
        try store.checkpoint()
        return Report(
            stages: stages, outcome: sourcesFailed.isEmpty ? .ok : .sourceFailed(sourcesFailed), training: training,
            prediction: prediction, site: site, staleNotice: stale)
    }

    /// Why a new model is due, or nil to reuse the champion: no champion yet, the model configuration
    /// changed, or `retrain_every_days` have passed since the newest model was trained.
    public static func trainingDue(_ workspace: Workspace, store: FeatureStore) throws -> String? {
        guard let champion = try store.registry.champion() else { return "no champion yet" }
        if champion.configHash != workspace.config.hashForModel { return "model configuration changed" }
        let newest = try store.registry.all().compactMap { Day(iso: $0.createdAt.prefix(10)) }.max()
        guard let newest else { return "no model yet" }
        let age = workspace.today.days(since: newest)
        let every = workspace.config.model.retrainEveryDays
        return age >= every ? "last trained \(age) days ago (every \(every))" : nil
    }
}
