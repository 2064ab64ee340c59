import ForesiteCore
import Foundation

/// The machine-readable side of the site: CSV per feature group, the ledger, JSON API, feed, sitemap,
/// robots.txt and .nojekyll.
enum Downloads {
    /// Every feature group with data, as (file name, CSV text): `downloads/solana.csv`, …
    static func add(_ content: SiteContent, to files: inout SiteFiles) {
        for instrument in [content.target] + content.covariates {
            guard let candles = content.prices[instrument.group] else { continue }
            var csv = CSVWriter(
                header: ["day", "open", "high", "low", "close", "volume", "volume_buy", "volume_sell", "complete"])
            for candle in candles {
                csv.append(
                    [candle.day.iso]
                        + [
                            candle.open, candle.high, candle.low, candle.close, candle.volume,
                            candle.volumeBuy, candle.volumeSell,
                        ].map(CSVWriter.number) + [candle.complete ? "1" : "0"])
            }
            files.add("downloads/\(fileName(instrument.group)).csv", csv.text)
        }
        if !content.fearGreed.isEmpty {
            var csv = CSVWriter(header: ["day", "value", "classification"])
            for reading in content.fearGreed {
                csv.append([reading.day.iso, "\(reading.value)", reading.classification.label])
            }
            files.add("downloads/fear_greed.csv", csv.text)
        }
        files.add("downloads/ledger.csv", ledgerCSV(content))
        files.add("api/latest.json", APIDocuments.latest(content))
        files.add("api/forecasts.json", APIDocuments.forecasts(content))
        files.add("feed.xml", AtomFeed.render(content))
        files.add("sitemap.xml", sitemap(content))
        files.add(
            "robots.txt",
            "User-agent: *\nAllow: /\nSitemap: \(SiteURLs.absolute("sitemap.xml", base: content.site.baseURL))\n")
        files.add(".nojekyll", "")
    }

    /// Levels the ledger uses, ascending, for one pair of columns each.
    static func ledgerLevels(_ content: SiteContent) -> [Double] {
        Array(Set(content.ledger.flatMap { $0.intervals.map(\.level) })).sorted()
    }

    static func ledgerCSV(_ content: SiteContent) -> String {
        let levels = ledgerLevels(content)
        let levelColumns = levels.flatMap { level -> [String] in
            let name = NumberFormat.compact(level * 100, decimals: 1)
            return ["lower_\(name)", "upper_\(name)"]
        }
        var csv = CSVWriter(
            header: ["made_on", "target_day", "horizon", "model_version", "point", "naive"] + levelColumns + ["actual"])
        for entry in sortedLedger(content) {
            let bounds = levels.flatMap { level -> [String] in
                guard let interval = entry.interval(level) else { return ["", ""] }
                return [CSVWriter.number(interval.lower), CSVWriter.number(interval.upper)]
            }
            csv.append(
                [
                    entry.madeOn.iso, entry.targetDay.iso, "\(entry.horizon)", entry.modelVersion,
                    CSVWriter.number(entry.point), CSVWriter.number(entry.naive),
                ]
                    + bounds + [entry.actual.map(CSVWriter.number) ?? ""])
        }
        return csv.text
    }

    /// Ledger by made-on day, then horizon: the order people read it in and the one the files keep.
    static func sortedLedger(_ content: SiteContent) -> [SiteContent.LedgerEntry] {
        content.ledger.sorted {
            ($0.madeOn, $0.horizon, $0.targetDay, $0.modelVersion) < (
                $1.madeOn, $1.horizon, $1.targetDay, $1.modelVersion
            )
        }
    }

    static func fileName(_ group: String) -> String {
        String(group.map { $0.isLetter || $0.isNumber || $0 == "_" || $0 == "-" ? $0 : "_" })
    }

    static func sitemap(_ content: SiteContent) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for (file, _) in PageFrame.pages {
            let location = SiteURLs.absolute(file == "index.html" ? "" : file, base: content.site.baseURL)
            xml += "<url><loc>\(Markup.escape(location))</loc><lastmod>\(content.asOf.iso)</lastmod></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
