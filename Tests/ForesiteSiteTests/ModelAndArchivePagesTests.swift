import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// A page per model and per forecast day, each linked from where readers look for it.
@Suite("Model pages and archive pages exist and are linked")
struct ModelAndArchivePagesTests {
    @Test func everyModelHasAPageLinkedFromTheModelsPageAndTheLeaderboard() throws {
        let content = SiteFixture.content()
        #expect(content.modelSummaries.count == 6)
        let files = try SiteFixture.builder().render(content)
        let models = try #require(files.text("model.html"))
        let accuracy = try #require(files.text("accuracy.html"))
        for summary in content.modelSummaries {
            let path = "models/\(summary.id).html"
            let page = try #require(files.text(path), "\(path) missing")
            #expect(page.contains(Markup.escape(summary.method)), "\(path) lacks its method")
            #expect(models.contains("href=\"\(path)\""), "model.html does not link \(path)")
            #expect(accuracy.contains("href=\"\(path)\""), "accuracy.html does not link \(path)")
        }
        let lstm = try #require(files.text("models/lstm.html"))
        #expect(lstm.contains("id=\"versions\"") && lstm.contains("v2 (champion)"))
        #expect(lstm.contains("href=\"../static/site.css\""), "nested pages reach the root with ../")
    }

    @Test func hasPageAgreesWithTheListOfPages() {
        var content = SiteFixture.content()
        // A model only the archive knows, one that is not a valid name, and "published".
        if var day = content.archive.first, let forecast = day.forecasts.first {
            for name in ["archive-only", "Not Valid", ModelID.published.rawValue] {
                var other = forecast
                other.model = ModelID(name)
                day.forecasts.append(other)
            }
            content.archive[0] = day
        }
        let pages = Set(ModelLinks.pageIDs(content))
        let names = Set(content.archive.flatMap { $0.forecasts.map(\.model) } + content.modelSummaries.map(\.id))
        #expect(names.contains(ModelID("archive-only")))
        for name in names {
            #expect(ModelLinks.hasPage(name, in: content) == pages.contains(name), "\(name.rawValue)")
        }
    }

    @Test func everyLeaderboardWindowHasItsPageAndTabs() throws {
        let files = try SiteFixture.builder().render(SiteFixture.content())
        for page in ["accuracy.html", "accuracy-30.html", "accuracy-90.html"] {
            let html = try #require(files.text(page), "\(page) missing")
            #expect(html.contains("class=\"tabs\""))
            #expect(html.contains("id=\"heatmap-"), "\(page) lacks the heatmap")
            #expect(html.contains("reference-row"), "\(page) lacks persistence's reference row")
        }
        #expect(try #require(files.text("accuracy-30.html")).contains("href=\"accuracy-90.html#leaderboard\""))
        #expect(!(try #require(files.text("accuracy-30.html")).contains("id=\"backtest\"")))
    }

    @Test func everyArchiveDayHasAPageLinkedFromTheIndexAndTheFeed() throws {
        let content = SiteFixture.content()
        let files = try SiteFixture.builder().render(content)
        let index = try #require(files.text("forecasts/index.html"))
        let feed = try #require(files.text("feed.xml"))
        let sitemap = try #require(files.text("sitemap.xml"))
        #expect(!content.archive.isEmpty)
        for day in content.archive {
            let path = "forecasts/\(day.madeOn.iso).html"
            let page = try #require(files.text(path), "\(path) missing")
            for forecast in day.forecasts {
                #expect(page.contains(">\(forecast.model)</a>"), "\(path) lacks \(forecast.model)")
            }
            if day.published != nil { #expect(page.contains("class=\"badge\">published")) }
            #expect(index.contains("href=\"\(day.madeOn.iso).html\""), "the archive index does not link \(path)")
            #expect(sitemap.contains("https://example.org/foresite/\(path)"))
        }
        let newest = try #require(content.archive.last).madeOn.iso
        #expect(feed.contains("<link href=\"https://example.org/foresite/forecasts/\(newest).html\"/>"))
        // Newest first.
        let first = try #require(index.range(of: "href=\"\(newest).html\""))
        let oldest = try #require(index.range(of: "href=\"\(content.archive[0].madeOn.iso).html\""))
        #expect(first.lowerBound < oldest.lowerBound)
    }

    @Test func whenPersistenceIsPublishedTheHeadlineSaysSo() throws {
        var content = SiteFixture.content()
        content.publication = .init(
            model: .persistence, isPersistence: true,
            sentence:
                "No model has beaten persistence over the last 90 days, so the published forecast is persistence's.",
            history: [:])
        let html = try #require(try SiteFixture.builder().render(content).text("index.html"))
        #expect(html.contains("<h1 id=\"headline\">Persistence's forecast: SOL-USD to close at"))
        #expect(html.contains("so the published forecast is persistence&#39;s."))
    }

    @Test func thePublicationSentenceIsNearTheHeadline() throws {
        let content = SiteFixture.content()
        let sentence = try #require(content.publication?.sentence)
        let html = try #require(try SiteFixture.builder().render(content).text("index.html"))
        let headline = try #require(html.range(of: "<h1 id=\"headline\">"))
        let publication = try #require(html.range(of: Markup.escape(sentence)))
        #expect(html.distance(from: headline.upperBound, to: publication.lowerBound) < 400)
    }

    @Test func aYearOfSixModelsKeepsIndexWithinBudget() throws {
        let content = SiteContent.synthetic(days: 730, forecastDays: 365)
        #expect(content.modelSummaries.count == 6 && content.archive.count == 365)
        let files = try SiteFixture.builder().render(content)
        let size = try #require(files["index.html"]).count
        #expect(size <= 200 * 1024, "index.html is \(size) bytes")
        let largestArchive = files.paths.filter { $0.hasPrefix("forecasts/") }.map { files[$0]!.count }.max() ?? 0
        #expect(largestArchive <= 60 * 1024, "an archive page is \(largestArchive) bytes")
    }
}
