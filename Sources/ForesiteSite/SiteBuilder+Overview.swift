import ForesiteCore
import Foundation

extension SiteBuilder {
    /// The overview's own template, required only for a `targets:` site.
    static let overviewTemplate = "overview"

    /// Renders and checks the overview site (below), then replaces `output` in one swap, holding the build
    /// lock. Incremental per target: each target's folder has its own build cache
    /// (`.docs.build-cache.<slug>`, keyed by that target's environment), so a day that changes one target's
    /// frame rebuilds that target's folder in full and reuses the others' unchanged files as a
    /// single-target build does. The overview's own files are small and made every build.
    @discardableResult
    public func build(_ overview: SiteOverview, histories: [HistorySource?], into output: URL) throws -> SiteFiles {
        var timings = BuildTimings()
        return try build(overview, histories: histories, into: output, timings: &timings)
    }

    /// `build`, saying where its time went.
    public func build(
        _ overview: SiteOverview, histories: [HistorySource?], into output: URL, timings: inout BuildTimings
    ) throws -> SiteFiles {
        let writer = SiteWriter(output: output)
        return try writer.locked {
            var clock = BuildTimings.Clock()
            // A single-target cache would describe another site.
            try? FileManager.default.removeItem(at: BuildCache.location(for: writer.output))
            let targets = overview.targets.concurrentMap { OverviewTarget($0, cached: (self, writer.output)) }
            timings.cacheLoad += clock.lap()
            let (files, scans, records) = try render(
                overview, targets: targets, histories: histories, timings: &timings, clock: &clock)
            let identities = Self.byTarget(try writer.writeRecording(files))
            timings.write += clock.lap()
            let parses = Self.byTarget(scans)
            // The caches are independent files: written side by side.
            _ = zip(targets, records).map { ($0, $1) }.concurrentMap { target, record in
                target.saveCache(
                    identities: identities[target.slug] ?? [:], record: record, scans: parses[target.slug] ?? [:])
            }
            BuildCache.removeTargetCaches(beside: writer.output, except: Set(targets.map(\.slug)))
            timings.cacheSave += clock.lap()
            return files
        }
    }

    /// The values under each target's folder (`<slug>/…`), by slug, keyed by their path in that folder.
    static func byTarget<Value>(_ values: [String: Value]) -> [String: [String: Value]] {
        var grouped: [String: [String: Value]] = [:]
        for (path, value) in values {
            guard let slash = path.utf8.firstIndex(of: UInt8(ascii: "/")) else { continue }
            grouped[String(path[..<slash]), default: [:]][String(path[path.index(after: slash)...])] = value
        }
        return grouped
    }

    /// The site of a `targets:` configuration, checked as one: every target's own site under its folder
    /// (`<slug>/…`, its pages linking "All series"), and at the root the overview (`index.html`), a 404
    /// page, the static files, a sitemap of every page, an Atom feed of every target's newest forecasts,
    /// `api/targets.json` and each target's latest forecast again at `api/<slug>/latest.json`.
    /// `histories` are the targets' price sources for the CSV downloads, in the overview's target order.
    public func render(_ overview: SiteOverview, histories: [HistorySource?]) throws -> SiteFiles {
        let targets = overview.targets.map { OverviewTarget($0) }
        var timings = BuildTimings()
        var clock = BuildTimings.Clock()
        return try render(overview, targets: targets, histories: histories, timings: &timings, clock: &clock).files
    }

    /// The overview site's files, the check's parse of every page (by path in the site) and each target's
    /// build record (paths relative to its folder); `targets` say what each target may reuse.
    func render(
        _ overview: SiteOverview, targets: [OverviewTarget], histories: [HistorySource?],
        timings: inout BuildTimings, clock: inout BuildTimings.Clock
    ) throws -> (files: SiteFiles, scans: [String: PageScan], records: [BuildRecord]) {
        precondition(histories.count == overview.targets.count, "one history per target")
        try SiteURLs.validate(baseURL: overview.site.baseURL)
        guard templates.names.contains(Self.overviewTemplate) else {
            throw SiteError.missingTemplate(name: Self.overviewTemplate, directory: "templates")
        }
        var files = SiteFiles()
        for (path, bytes) in staticFiles { files.add("static/" + path, bytes: bytes) }
        var sitemap = Sitemap.entries(["index.html"], base: overview.site.baseURL, lastModified: overview.asOf)
        // The targets' sites are independent: rendered side by side, merged in target order.
        let sites = try Array(zip(targets, histories)).concurrentMap { [self] target, history in
            var record = BuildRecord()
            let (own, listed) = try renderUnchecked(
                target.content, history: history, previous: target.previous, splice: target.splice, record: &record)
            return (own, listed, record)
        }
        var known: [String: PageScan] = [:]
        files.add(zip(targets, sites).map { target, site in (site.0, target.slug + "/") })
        for (target, (own, listed, record)) in zip(targets, sites) {
            let folder = target.slug + "/"
            if let latest = own["api/latest.json"] { files.add(OverviewFiles.latestAPI(target.slug), bytes: latest) }
            sitemap += Sitemap.entries(listed, base: target.content.site.baseURL, lastModified: target.content.asOf)
            for (path, scan) in record.knownScans { known[folder + path] = scan }
        }
        files.add(
            "index.html",
            Markup.stripControlCharacters(try templates.render(Self.overviewTemplate, OverviewPage(overview))))
        let notFound = PageFrame(
            overview, file: "404.html", title: "Page not found", description: "This page does not exist.",
            root: SiteURLs.rootPath(base: overview.site.baseURL))
        files.add(
            "404.html",
            Markup.stripControlCharacters(try templates.render(NotFoundPage.template, NotFoundPage(page: notFound))))
        files.add("sitemap.xml", Sitemap.render(sitemap))
        files.add("feed.xml", AtomFeed.render(overview))
        files.add(OverviewFiles.targetsAPI, APIDocuments.targets(overview))
        timings.render += clock.lap()
        let check = OutputCheck(rootPath: SiteURLs.rootPath(base: overview.site.baseURL))
        let (problems, scans) = check.check(files, known: known)
        timings.check += clock.lap()
        if !problems.isEmpty { throw SiteCheckFailure(problems: problems) }
        return (files, scans, sites.map(\.2))
    }
}
