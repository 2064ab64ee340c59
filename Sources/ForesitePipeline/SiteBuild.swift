import ForesiteCore
import ForesiteSite
import ForesiteStore
import Foundation

/// `foresite build`: the store's content rendered through `templates/` into the output folder, checked
/// with libxml2, and swapped into place in one rename. The ledger's hash chain is verified first.
public enum SiteBuild {
    public struct Report: Sendable {
        public var files: Int
        public var bytes: Int
        public var indexBytes: Int
        public var output: String
        public var seconds: Double
        /// Reading the store, ledger and registry into the site's content.
        public var loadSeconds: Double
        /// `SiteBuilder.build`: rendering and checking every page and download (the CSVs read the whole
        /// history here), writing the staging folder and swapping it into place.
        public var buildSeconds: Double
        /// Where `buildSeconds` went, for a `targets:` site (zero for a single target's).
        public var phases = BuildTimings()

        /// A line to print when the site is near or over the size GitHub Pages publishes; nil otherwise.
        public var sizeWarning: String?
    }

    /// GitHub Pages publishes sites of at most 1 GB (its documented usage limits); a `targets:` site grows
    /// by about 30 MB a target a year with the standard models.
    public static let pagesSizeLimit = 1_000_000_000

    /// "warning: docs/ is 850 MB, …" from four fifths of `pagesSizeLimit` on, with the remedy while the
    /// site still has its Hubverse export (`hubExport`); nil below.
    public static func sizeWarning(bytes: Int, output: String, hubExport: Bool) -> String? {
        guard bytes >= pagesSizeLimit / 5 * 4 else { return nil }
        let size = String(format: "%.0f MB", Double(bytes) / 1e6)
        let limit = "GitHub Pages publishes sites of at most \(pagesSizeLimit / 1_000_000_000) GB"
        let remedy = hubExport ? " (site.hub_export: false leaves out the hub export, about a third)" : ""
        return bytes > pagesSizeLimit
            ? "warning: \(output)/ is \(size), over the limit: \(limit), so a deploy may be refused\(remedy)"
            : "warning: \(output)/ is \(size), near the limit: \(limit)\(remedy)"
    }

    /// What a `targets:` site's build reads of one target: its content, ledger chain verified, and its history.
    public struct LoadedTarget: Sendable {
        var content: SiteContent
        var history: HistorySource
    }

    /// One target's part of the site's input, read from its `store` (`target` is the target's workspace).
    /// A daily run loads each target as soon as its own run ends, while the others still run.
    public static func load(
        _ target: Workspace, store: FeatureStore, staleNotice: SiteContent.StaleNotice?
    ) throws -> LoadedTarget {
        let slug = target.config.target.group
        let content = try verifiedContent(target, store: store, staleNotice: staleNotice, naming: slug)
        return LoadedTarget(content: content, history: SiteContentLoader.history(store))
    }

    /// The whole site of the workspace: `run(_:store:)` for a single target; for a `targets:` configuration
    /// every target's store read into its content, rendered under its folder beside the overview, checked
    /// as one site and swapped into place in one rename. The targets in `preloaded` (by slug, as a daily
    /// run reads them, with their stale-data banners) are not read again.
    public static func run(_ workspace: Workspace, preloaded: [String: Result<LoadedTarget, any Error>] = [:]) throws
        -> Report
    {
        guard workspace.config.hasTargetList else { return try run(workspace, store: try workspace.openStore()) }
        let started = Date()
        // Each target's store is read on its own (side by side on every core), its chain verified.
        let loaded = try workspace.targetWorkspaces.concurrentMap(in: workspace.parallelism) { target in
            let slug = target.config.target.group
            if let result = preloaded[slug] { return try result.get() }
            return try load(target, store: try target.openStore(), staleNotice: nil)
        }
        let contents = loaded.map(\.content)
        let histories: [HistorySource?] = loaded.map(\.history)
        let loadedAt = Date()
        let builder = try SiteBuilder(templatesDirectory: workspace.templatesURL, staticDirectory: workspace.staticURL)
        let overview = SiteOverview(site: workspace.config.site, targets: contents)
        var phases = BuildTimings()
        let files = try builder.build(overview, histories: histories, into: workspace.outputURL, timings: &phases)
        var report = Report(files, workspace: workspace, started: started, loaded: loadedAt)
        report.phases = phases
        return report
    }

    /// The demo banner comes from `workspace.isDemo`.
    public static func run(
        _ workspace: Workspace, store: FeatureStore, staleNotice: SiteContent.StaleNotice? = nil
    ) throws -> Report {
        let started = Date()
        let content = try verifiedContent(workspace, store: store, staleNotice: staleNotice, naming: nil)
        let loaded = Date()
        let builder = try SiteBuilder(
            templatesDirectory: workspace.templatesURL, staticDirectory: workspace.staticURL)
        let files = try builder.build(content, history: SiteContentLoader.history(store), into: workspace.outputURL)
        return Report(files, workspace: workspace, started: started, loaded: loaded)
    }

    /// The store's content; a ledger whose chain does not hold is not evidence, so it throws rather than
    /// publish a doubtful record (`naming` the target whose ledger it is, on a `targets:` site).
    private static func verifiedContent(
        _ workspace: Workspace, store: FeatureStore, staleNotice: SiteContent.StaleNotice?, naming target: String?
    ) throws -> SiteContent {
        let content = try SiteContentLoader.load(workspace, from: store, staleNotice: staleNotice)
        guard content.ledgerVerification.isVerified else {
            throw PipelineError.ledgerChainBroken(
                (target.map { "\($0): " } ?? "") + content.ledgerVerification.summary)
        }
        return content
    }
}

extension SiteBuild.Report {
    /// The report of a build that wrote `files`, started at `started` and had its content at `loaded`.
    init(_ files: SiteFiles, workspace: Workspace, started: Date, loaded: Date) {
        let built = Date()
        let output = relativePath(of: workspace.outputURL, in: workspace)
        self.init(
            files: files.count, bytes: files.byteCount, indexBytes: files.size("index.html") ?? 0, output: output,
            seconds: built.timeIntervalSince(started), loadSeconds: loaded.timeIntervalSince(started),
            buildSeconds: built.timeIntervalSince(loaded),
            sizeWarning: SiteBuild.sizeWarning(
                bytes: files.byteCount, output: output, hubExport: workspace.config.site.hubExport))
    }
}
