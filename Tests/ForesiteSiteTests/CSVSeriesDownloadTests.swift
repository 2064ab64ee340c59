import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteSite

/// A series read by the CSV source (a covariate here; a CSV target in `CSVTargetTests`) is offered on the
/// data page as its own download: the day, its numeric columns and the complete flag, every stored day.
@Suite("CSV series downloads")
struct CSVSeriesDownloadTests {
    static let river = Config.Instrument(
        group: "river", csv: Config.CSVSeries(location: .file("data/river.csv"), columns: ["level", "flow"]),
        description: "River level at the gauge")

    /// The fixture's content with `river` as a CSV covariate.
    static let content: SiteContent = {
        var content = IncrementalBuildTests.full
        content.csvSeries = [river]
        return content
    }()

    /// `days` of the river from 2024-12-01 (a day without flow, the last day incomplete), as the store
    /// would give them back; `bump` moves the third day's level.
    static func rows(days: Int, bump: Double = 0) -> [DailyValues] {
        let first = Day(iso: "2024-12-01")!
        return (0..<days).map { offset in
            var values = ["level": 50 + Double(offset) / 4, "flow": 120.5 + Double(offset)]
            if offset == 1 { values["flow"] = nil }
            if offset == 2 { values["level"]! += bump }
            return DailyValues(day: first.adding(days: offset), values: values, complete: offset < days - 1)
        }
    }

    static func history(_ content: SiteContent, rows: [DailyValues]) -> HistorySource {
        var history = HistorySource.inMemory(content)
        history.values = { $0 == "river" ? rows : [] }
        return history
    }

    @Test func theFileHoldsTheDayAndEveryColumnOfEveryStoredDay() throws {
        // `render` runs the output check (libxml2, links and ids): it throws on a broken link.
        let files = try SiteFixture.builder().render(
            Self.content, history: Self.history(Self.content, rows: Self.rows(days: 4)))
        let csv = try #require(files.text("downloads/river.csv"))
        #expect(
            csv == "day,level,flow,complete\r\n" + "2024-12-01,50.0,120.5,1\r\n" + "2024-12-02,50.25,,1\r\n"
                + "2024-12-03,50.5,122.5,1\r\n" + "2024-12-04,50.75,123.5,0\r\n")
    }

    @Test func theDataPageLinksItAfterThePriceSeries() throws {
        let files = try SiteFixture.builder().render(
            Self.content, history: Self.history(Self.content, rows: Self.rows(days: 4)))
        let page = try #require(files.text("data.html"))
        #expect(
            page.contains(
                "<li><a href=\"downloads/river.csv\">river.csv</a> — River level at the gauge: daily level, flow</li>")
        )
        let links = ["solana.csv", "bitcoin.csv", "river.csv", "fear_greed.csv", "ledger.csv"].map {
            page.range(of: "href=\"downloads/\($0)\"")?.lowerBound
        }
        #expect(links.allSatisfy { $0 != nil })
        #expect(links.compactMap { $0 } == links.compactMap { $0 }.sorted(), "target, covariates, then the rest")
    }

    @Test func theManifestOffersIt() throws {
        var files = SiteFiles()
        let manifest = try Downloads.add(
            Self.content, history: Self.history(Self.content, rows: Self.rows(days: 2)), to: &files)
        let entry = try #require(manifest.offered.first { $0.path == "downloads/river.csv" })
        #expect(entry.label == "river.csv")
        #expect(files.contains("downloads/river.csv"))
        // Without a description the columns say what the file holds.
        var bare = Self.river
        bare.description = ""
        #expect(Downloads.valuesDetail(bare) == "Daily level, flow")
    }

    @Test func aSeriesWithNoStoredDayIsTheHeaderAlone() throws {
        let files = try SiteFixture.builder().render(Self.content)
        #expect(files.text("downloads/river.csv") == "day,level,flow,complete\r\n")
    }

    /// The download is made from the store on every build: a warm build after the values changed (a new day,
    /// an old day corrected) writes the site a cold build writes.
    @Test func aWarmBuildWritesTheValuesAColdBuildWrites() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let days = IncrementalBuildTests.days
        let warm = folder.path("warm/docs")
        try builder.build(
            Self.content.through(days[1]), history: Self.history(Self.content, rows: Self.rows(days: 5)), into: warm)
        let changed = Self.history(Self.content, rows: Self.rows(days: 6, bump: 1))
        try builder.build(Self.content.through(days[2]), history: changed, into: warm)
        let cold = folder.path("cold/docs")
        try builder.build(Self.content.through(days[2]), history: changed, into: cold)
        let tree = try IncrementalBuildTests.tree(warm)
        #expect(tree == (try IncrementalBuildTests.tree(cold)))
        let csv = String(decoding: try #require(tree["downloads/river.csv"]), as: UTF8.self)
        #expect(csv.contains("2024-12-03,51.5,122.5,1\r\n") && csv.hasSuffix("2024-12-06,51.25,125.5,0\r\n"))
    }

    /// Which CSV series there are is part of the build cache's environment, as the covariates are.
    @Test func theCSVSeriesArePartOfTheEnvironment() throws {
        let builder = try SiteFixture.builder()
        var other = Self.content
        other.csvSeries = []
        #expect(builder.environmentDigest(Self.content) != nil)
        #expect(builder.environmentDigest(Self.content) != builder.environmentDigest(other))
    }
}
