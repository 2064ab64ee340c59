import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// A `targets:` site: every target's pages in its folder, the overview linking them, one feed and API with
/// every target, all checked as one site.
struct OverviewSiteTests {
    /// Three targets made from the synthetic snapshot under other names (different seeds, so different
    /// prices and forecasts), each with its base URL in its folder as the pipeline gives it.
    static func overview() -> SiteOverview {
        var site = Config.Site()
        site.baseURL = "https://example.org/foresite/"
        let targets = [("solana", "SOL-USD", 11), ("alpha", "ALPHA-USD", 12), ("beta", "BETA-USD", 13)].map {
            slug, instrument, seed in
            var own = site
            own.baseURL += slug + "/"
            var content = SiteContent.synthetic(
                days: 150, asOf: Day(iso: "2025-01-05")!, forecastDays: 20, seed: UInt64(seed), site: own)
            let original = content.target.group
            content.target = Config.Instrument(group: slug, market: "kraken", instrument: instrument)
            content.prices[slug] = content.prices.removeValue(forKey: original)
            return content
        }
        return SiteOverview(site: site, targets: targets)
    }

    @Test func everyTargetHasItsPagesAndTheOverviewFeedAndAPIListThemAll() throws {
        let overview = Self.overview()
        let files = try SiteFixture.builder().render(overview, histories: [nil, nil, nil])
        let index = try #require(files.text("index.html"))
        let feed = try #require(files.text("feed.xml"))
        let sitemap = try #require(files.text("sitemap.xml"))
        let targets = try #require(files.text("api/targets.json"))
        for (slug, instrument) in [("solana", "SOL-USD"), ("alpha", "ALPHA-USD"), ("beta", "BETA-USD")] {
            for page in ["index.html", "accuracy.html", "model.html", "data.html", "forecasts/index.html", "feed.xml"] {
                #expect(files.contains("\(slug)/\(page)"), "\(slug)/\(page)")
            }
            #expect(index.contains("<a href=\"\(slug)/index.html\">\(instrument)</a>"))
            #expect(index.contains("id=\"spark-\(slug)-title\""), "the card's sparkline has a title")
            #expect(feed.contains("https://example.org/foresite/\(slug)/forecasts/"))
            #expect(sitemap.contains("<loc>https://example.org/foresite/\(slug)/accuracy.html</loc>"))
            #expect(targets.contains("\"latest\" : \"https://example.org/foresite/api/\(slug)/latest.json\""))
            #expect(files["api/\(slug)/latest.json"] == files["\(slug)/api/latest.json"])
            // A target's pages lead back to the overview, from any depth.
            #expect(files.text("\(slug)/index.html")!.contains("<a href=\"../index.html\">All series</a>"))
            #expect(files.text("\(slug)/forecasts/index.html")!.contains("<a href=\"../../index.html\">All series</a>"))
        }
        // Each card states the published model's skill with its baseline and sample, never bare.
        #expect(index.components(separatedBy: "scored forecast").count - 1 == 3)
        #expect(index.contains("Demo data"), "synthetic targets carry the demo banner on the overview too")
    }

    @Test func theOverviewNeedsItsTemplate() throws {
        var sources = try SiteFixture.templateSources()
        sources["overview"] = nil
        let builder = try SiteBuilder(templates: TemplateSet(sources: sources), staticFiles: SiteFixture.staticBytes())
        #expect(throws: SiteError.missingTemplate(name: "overview", directory: "templates")) {
            _ = try builder.render(Self.overview(), histories: [nil, nil, nil])
        }
    }
}
