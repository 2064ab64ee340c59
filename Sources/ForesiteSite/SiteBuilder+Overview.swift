import ForesiteCore
import Foundation

extension SiteBuilder {
    /// The overview's own template, required only for a `targets:` site.
    static let overviewTemplate = "overview"

    /// Renders and checks the overview site (below), then replaces `output` in one swap, holding the build
    /// lock. Not incremental yet: every file is made each build (a single target's build cache is removed,
    /// as it would describe another site).
    @discardableResult
    public func build(_ overview: SiteOverview, histories: [HistorySource?], into output: URL) throws -> SiteFiles {
        let writer = SiteWriter(output: output)
        return try writer.locked {
            let files = try render(overview, histories: histories)
            _ = try writer.writeRecording(files)
            try? FileManager.default.removeItem(at: BuildCache.location(for: output))
            return files
        }
    }

    /// The site of a `targets:` configuration, checked as one: every target's own site under its folder
    /// (`<slug>/…`, its pages linking "All series"), and at the root the overview (`index.html`), a 404
    /// page, the static files, a sitemap of every page, an Atom feed of every target's newest forecasts,
    /// `api/targets.json` and each target's latest forecast again at `api/<slug>/latest.json`.
    /// `histories` are the targets' price sources for the CSV downloads, in the overview's target order.
    public func render(_ overview: SiteOverview, histories: [HistorySource?]) throws -> SiteFiles {
        precondition(histories.count == overview.targets.count, "one history per target")
        try SiteURLs.validate(baseURL: overview.site.baseURL)
        guard templates.names.contains(Self.overviewTemplate) else {
            throw SiteError.missingTemplate(name: Self.overviewTemplate, directory: "templates")
        }
        var files = SiteFiles()
        for (path, bytes) in staticFiles { files.add("static/" + path, bytes: bytes) }
        var sitemap = Sitemap.entries(["index.html"], base: overview.site.baseURL, lastModified: overview.asOf)
        // The targets' sites are independent: rendered side by side, merged in target order.
        let sites = try Array(zip(overview.targets, histories)).concurrentMap { [self] content, history in
            var content = content
            content.isPartOfOverview = true
            var record = BuildRecord()
            let (own, listed) = try renderUnchecked(content, history: history, record: &record)
            return (content, own, listed)
        }
        for (content, own, listed) in sites {
            let slug = SiteOverview.slug(of: content)
            for (path, bytes) in own.files { files.add(slug + "/" + path, bytes: bytes) }
            if let latest = own.files["api/latest.json"] { files.add(OverviewFiles.latestAPI(slug), bytes: latest) }
            sitemap += Sitemap.entries(listed, base: content.site.baseURL, lastModified: content.asOf)
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
        try OutputCheck(rootPath: SiteURLs.rootPath(base: overview.site.baseURL)).verify(files)
        return files
    }
}
