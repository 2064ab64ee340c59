import ForesiteCore

/// Fills each page template with its page model and adds the result to the site's files.
struct PageRenderer {
    let content: SiteContent
    let templates: TemplateSet

    func render(into files: inout SiteFiles) throws {
        let trend = trendSeries()
        let index = IndexPage(content: content, trendSeries: Array(trend.prefix(IndexPage.trendInstruments)))
        try add("index.html", template: "index", index, to: &files)
        for (window, _) in Leaderboard.windows {
            let page = AccuracyPage(content: content, window: window)
            try add(Leaderboard.file(window), template: "accuracy", page, to: &files)
        }
        try add("model.html", template: "model", ModelPage(content: content), to: &files)
        for model in ModelLinks.pageIDs(content) {
            let page = ModelDetailPage(content: content, id: model, files: files)
            try add(ModelDetailPage.path(model), template: "model-detail", page, to: &files)
        }
        try add("forecasts/index.html", template: "archive-index", ArchiveIndexPage(content: content), to: &files)
        for (index, day) in content.archive.enumerated() {
            let page = ArchivePage(
                content: content, day: day, previous: index > 0 ? content.archive[index - 1].madeOn : nil,
                next: index + 1 < content.archive.count ? content.archive[index + 1].madeOn : nil)
            try add(ArchivePage.path(day.madeOn), template: "archive-day", page, to: &files)
        }
        let data = DataPage(content: content, files: files, trendSeries: trend)
        try add("data.html", template: "data", data, to: &files)
        try add("404.html", template: "404", NotFoundPage(content: content), to: &files)
    }

    /// Mustache escapes markup characters but not C0 controls, which XML forbids; they never belong in a
    /// page, so they are dropped here rather than failing the build over one stray byte from an API.
    /// Adding a page takes its page model, its template, a line here, `SiteBuilder.requiredTemplates` and
    /// (for a navigation entry) `PageFrame.pages`; the sitemap picks every page up by itself.
    private func add(_ path: String, template: String, _ page: Any, to files: inout SiteFiles) throws {
        files.add(path, Markup.stripControlCharacters(try templates.render(template, page)))
    }

    /// The target and every covariate with prices in the trend window, for the rebased trend charts.
    private func trendSeries() -> [(label: String, candles: [Candle])] {
        ([content.target] + content.covariates).compactMap { instrument in
            guard let candles = content.prices[instrument.group] else { return nil }
            let window = DisplayWindow.suffix(
                candles, days: DisplayWindow.trendDays, through: content.asOf, day: \.day)
            return window.isEmpty ? nil : (instrument.instrument, Array(window))
        }
    }
}

/// `404.html`: served by GitHub Pages at any depth, so its links are absolute from the site's root.
struct NotFoundPage {
    let page: PageFrame

    init(content: SiteContent) {
        page = PageFrame(
            content: content, file: "404.html", title: "Page not found",
            description: "This page does not exist.", root: SiteURLs.rootPath(base: content.site.baseURL))
    }
}
