import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// A target that is not a price (a CSV series such as a river's level) is written as plain numbers named
/// by its field: no page, feed, download or overview card of it shows a dollar sign, and its headline says
/// "river's level is forecast at …", not "close".
struct PlainSeriesTests {
    /// The synthetic snapshot under the name of a CSV series `river` whose forecast field is `level`.
    static func river(site: Config.Site = Config.Site()) -> SiteContent {
        var content = SiteContent.synthetic(
            days: 150, asOf: Day(iso: "2025-01-05")!, forecastDays: 20, seed: 21, site: site)
        let original = content.target.group
        content.target = Config.Instrument(
            group: "river", csv: Config.CSVSeries(location: .file("river.csv"), columns: ["level"]),
            description: "River level at the gauge")
        content.prices["river"] = content.prices.removeValue(forKey: original)
        content.targetField = "level"
        content.valueStyle = .plain(name: "level")
        content.latestForecast?.field = "level"
        content.latestPersistence?.field = "level"
        return content
    }

    @Test func aPlainSeriesShowsNoDollarSignAnywhere() throws {
        let files = try SiteFixture.builder().render(Self.river())
        #expect(files.contains("index.html") && files.contains("feed.xml") && files.contains("accuracy.html"))
        var checked = 0
        for path in files.paths where !path.hasPrefix("static/") {
            let text = try #require(files.text(path))
            #expect(!text.contains("$"), "\(path) shows a dollar sign")
            #expect(!text.contains("US dollars"), "\(path) speaks of US dollars")
            checked += 1
        }
        #expect(checked > 20, "every page, feed and download was checked")
    }

    @Test func theHeadlineAndLedeReadNaturally() throws {
        let files = try SiteFixture.builder().render(Self.river())
        let index = try #require(files.text("index.html"))
        #expect(index.contains("river&#39;s level is forecast at <span class=\"figure-number\">"))
        #expect(!index.contains("forecast to close"))
        #expect(!index.contains("forecast to open"))
        #expect(index.contains("level of "))
        #expect(index.contains("the latest known value"))
        #expect(!index.contains("the latest known price"))
        let feed = try #require(files.text("feed.xml"))
        #expect(feed.contains("for the level on"))
        let models = try #require(files.text("model.html"))
        #expect(models.contains("The daily <strong>level</strong> of river (River level at the gauge)"))
        #expect(!feed.contains("close of"))
    }

    @Test func thePriceHeadlineIsUnchanged() throws {
        let files = try SiteFixture.builder().render(SiteContent.synthetic(days: 150, forecastDays: 20, seed: 21))
        let index = try #require(files.text("index.html"))
        #expect(index.contains("SOL-USD is forecast to close at <span class=\"figure-number\">$"))
        #expect(index.contains("the latest known price"))
    }

    @Test func theOverviewCardOfAPlainSeriesHasNoDollarSign() throws {
        var site = Config.Site()
        site.baseURL = "https://example.org/foresite/"
        var own = site
        own.baseURL += "river/"
        var price = SiteContent.synthetic(
            days: 150, asOf: Day(iso: "2025-01-05")!, forecastDays: 20, seed: 22, site: site)
        price.site.baseURL += "solana/"
        let overview = SiteOverview(site: site, targets: [Self.river(site: own), price])
        let files = try SiteFixture.builder().render(overview, histories: [nil, nil])
        let index = try #require(files.text("index.html"))
        let start = try #require(index.range(of: "<li class=\"card\" id=\"river\">"))
        let end = try #require(index.range(of: "</li>", range: start.upperBound..<index.endIndex))
        let card = String(index[start.lowerBound..<end.upperBound])
        #expect(card.contains("figure-number"), "the card shows the forecast")
        #expect(!card.contains("$"), "the river's card shows a dollar sign: \(card)")
        #expect(index.contains("<li class=\"card\" id=\"solana\">"))
        #expect(index.contains("$"), "the price target's card keeps its dollars")
        for path in files.paths where path.hasPrefix("river/") && !path.hasPrefix("river/static/") {
            #expect(!(files.text(path) ?? "").contains("$"), "\(path) shows a dollar sign")
        }
        // The root feed holds both: the river's entries in plain numbers.
        let feed = try #require(files.text("feed.xml"))
        for entry in feed.components(separatedBy: "<entry>") where entry.contains("river forecast") {
            #expect(!entry.contains("$"))
        }
    }

    @Test func valuesAreGroupedWithSensibleDecimals() {
        let style = ValueStyle.plain(name: "level")
        #expect(style.format(52.3) == "52.30")
        #expect(style.format(1234.5) == "1,235")
        #expect(style.format(0.51234) == "0.5123")
        #expect(style.format(-3.1) == "-3.10")
        #expect(style.rounded(52.34) == "52.3")
        #expect(style.rounded(4.267) == "4.27")
        #expect(style.rounded(95_123.4) == "95,123")
        #expect(style.range(PredictionInterval(level: 0.8, lower: 50, upper: 55.5)) == "50.00–55.50")
        #expect(ValueStyle.price.format(196.234) == "$196.23")
        #expect(ValueStyle.price.rounded(196.234) == "$196")
    }
}
