import ForesiteCore

/// `feed.xml`: an Atom feed with one entry per day a forecast was made, newest first.
///
/// Entry ids and timestamps derive from the forecast day, never from the build time, so the feed only
/// changes when a new forecast is written.
enum AtomFeed {
    /// Entries kept in the feed (readers only want the recent ones; the ledger has the rest).
    static let entryLimit = 30

    static func render(_ content: SiteContent) -> String {
        let days = newestDays(content, limit: entryLimit)
        let updated = days.first?.day ?? content.asOf
        var xml = head(
            title: "\(content.site.title) — \(content.target.instrument) forecasts", site: content.site,
            updated: updated)
        let archived = Set(content.archive.map(\.madeOn))
        for (day, steps) in days {
            xml += entry(day: day, steps: steps, archived: archived.contains(day), content: content)
        }
        return xml + "</feed>\n"
    }

    /// The `limit` newest days the published model forecast, newest first, each with its entries by
    /// horizon. Only those days' entries are gathered: a year of ledger is 3 650 entries, and a feed shows
    /// a few days of them.
    static func newestDays(_ content: SiteContent, limit: Int) -> [(day: Day, steps: [SiteContent.LedgerEntry])] {
        let days = Set(content.ledger.lazy.map(\.madeOn)).sorted(by: >).prefix(limit)
        guard let oldest = days.last else { return [] }
        var byDay: [Day: [SiteContent.LedgerEntry]] = [:]
        for entry in content.ledger where entry.madeOn >= oldest { byDay[entry.madeOn, default: []].append(entry) }
        return days.map { day in (day, byDay[day]!.sorted { $0.horizon < $1.horizon }) }
    }

    /// Each target's newest forecast days in the overview's feed (its own feed keeps `entryLimit`).
    static let overviewDaysPerTarget = 3

    /// The overview's `feed.xml`: every target's `overviewDaysPerTarget` newest forecasts, newest day
    /// first and targets in configuration order within a day; entries link into the targets' folders.
    static func render(_ overview: SiteOverview) -> String {
        var entries: [(day: Day, order: Int, xml: String)] = []
        for (order, content) in overview.targets.enumerated() {
            let archived = Set(content.archive.map(\.madeOn))
            for (day, steps) in newestDays(content, limit: overviewDaysPerTarget) {
                entries.append(
                    (day, order, entry(day: day, steps: steps, archived: archived.contains(day), content: content)))
            }
        }
        entries.sort { $0.day != $1.day ? $0.day > $1.day : $0.order < $1.order }
        var xml = head(
            title: "\(overview.site.title) — forecasts of \(overview.targets.count) series", site: overview.site,
            updated: entries.first?.day ?? overview.asOf)
        for entry in entries { xml += entry.xml }
        return xml + "</feed>\n"
    }

    /// The feed's opening: XML declaration, `<feed>`, title, the site's description, id and links (the feed
    /// itself and the site at `site.baseURL`), the newest day and the author.
    private static func head(title: String, site: Config.Site, updated: Day) -> String {
        let base = site.baseURL
        let feed = Markup.escape(SiteURLs.absolute("feed.xml", base: base))
        var xml = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        xml += "<feed xmlns=\"http://www.w3.org/2005/Atom\">\n"
        xml += "<title>\(Markup.escape(title))</title>\n"
        xml += "<subtitle>\(Markup.escape(site.description))</subtitle>\n"
        xml += "<id>\(feed)</id>\n"
        xml += "<link rel=\"self\" href=\"\(feed)\"/>\n"
        xml +=
            "<link rel=\"alternate\" type=\"text/html\" href=\"\(Markup.escape(SiteURLs.absolute("", base: base)))\"/>\n"
        xml += "<updated>\(timestamp(updated))</updated>\n"
        xml += "<author><name>\(Markup.escape(site.title))</name></author>\n"
        return xml
    }

    /// One day's forecast; it links the day's archive page (`forecasts/<day>.html`) when there is one.
    private static func entry(
        day: Day, steps: [SiteContent.LedgerEntry], archived: Bool, content: SiteContent
    ) -> String {
        let instrument = Markup.escape(content.target.instrument)
        let link = SiteURLs.absolute("", base: content.site.baseURL)
        let page = archived ? SiteURLs.absolute(ArchivePage.path(day), base: content.site.baseURL) : link
        let style = content.valueStyle
        var summary = ""
        if let last = steps.last {
            summary =
                "\(content.target.instrument) forecast made on \(day.iso): median \(style.rounded(last.median)) "
                + "for the \(content.targetField) on \(last.targetDay.iso)"
            if let reference = last.reference {
                summary +=
                    ", \(NumberFormat.signedPercent(last.median / reference - 1)) from the \(last.origin.iso) \(style.referenceNoun) of "
                    + style.format(reference)
            }
            if let interval = last.forecast.interval(level: 0.8) {
                summary += " (80 % interval \(style.roundedRange(interval)))"
            }
            summary += "."
        }
        var table =
            "<table><tr><th>Day</th><th>Median</th><th>Change</th><th>80 % interval</th><th>Persistence</th></tr>"
        for step in steps {
            let change = step.reference.map { NumberFormat.signedPercent(step.median / $0 - 1) } ?? "–"
            let interval = step.forecast.interval(level: 0.8).map { style.range($0) } ?? "–"
            let persistence = step.persistence.map { style.format($0.median) } ?? "–"
            table +=
                "<tr><td>\(step.targetDay.iso)</td><td>\(style.format(step.median))</td><td>\(change)</td>"
                + "<td>\(interval)</td><td>\(persistence)</td></tr>"
        }
        table += "</table>"
        var xml = "<entry>\n"
        xml += "<title>\(instrument) forecast of \(day.iso)</title>\n"
        xml += "<id>\(Markup.escape(link))#forecast-\(day.iso)</id>\n"
        xml += "<link href=\"\(Markup.escape(page))\"/>\n"
        xml += "<updated>\(timestamp(day))</updated>\n"
        xml += "<summary>\(Markup.escape(summary))</summary>\n"
        xml += "<content type=\"html\">\(Markup.escape(table))</content>\n"
        return xml + "</entry>\n"
    }

    static func timestamp(_ day: Day) -> String { "\(day.iso)T00:00:00Z" }
}
