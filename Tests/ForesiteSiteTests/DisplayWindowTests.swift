import ForesiteCore
import Testing

@testable import ForesiteSite

/// The pages show fixed windows, so loading only those windows (as the pipeline does) must give the same
/// site as the whole history, while the CSV downloads still cover every stored day.
@Suite("Pages show fixed windows; downloads the whole history")
struct DisplayWindowTests {
    /// Five years of history, as the loader would hand it over: prices and readings from the window's
    /// first day only.
    static func windowed(_ content: SiteContent) -> SiteContent {
        let first = DisplayWindow.firstDay(through: content.asOf, historyDays: content.site.historyDays)
        var windowed = content
        windowed.prices = content.prices.mapValues { $0.filter { $0.day >= first } }
        windowed.fearGreed = content.fearGreed.filter { $0.day >= first }
        return windowed
    }

    @Test func windowedContentGivesTheSameSiteAsTheWholeHistory() throws {
        let full = SiteContent.synthetic(days: 1826, forecastDays: 30)
        let windowed = Self.windowed(full)
        #expect(windowed.targetCandles.count < full.targetCandles.count / 2)
        let builder = try SiteFixture.builder()
        let expected = try builder.render(full)
        let actual = try builder.render(windowed, history: .inMemory(full))
        #expect(actual.paths == expected.paths)
        for path in expected.paths {
            #expect(actual[path] == expected[path], "\(path) differs when only the window is loaded")
        }
        // Header plus one line per stored day, not per shown day.
        let csv = try #require(actual.text("downloads/solana.csv"))
        #expect(csv.split(separator: "\r\n").count == full.targetCandles.count + 1)
        let fearGreed = try #require(actual.text("downloads/fear_greed.csv"))
        #expect(fearGreed.split(separator: "\r\n").count == full.fearGreed.count + 1)
    }

    @Test func suffixIsInCalendarDaysThroughTheGivenDay() {
        let last = Day(iso: "2025-01-31")!
        // Every other day: a 10-day window holds 5 of them, not the last 10 rows.
        let days = (0..<40).map { last.adding(days: -2 * $0) }.reversed()
        let window = DisplayWindow.suffix(Array(days), days: 10, through: last) { $0 }
        #expect(window.map(\.iso) == ["2025-01-23", "2025-01-25", "2025-01-27", "2025-01-29", "2025-01-31"])
        #expect(DisplayWindow.suffix([Day](), days: 10, through: last) { $0 }.isEmpty)
    }

    @Test func theWindowCoversEveryChart() {
        #expect(DisplayWindow.days(historyDays: 120) == DisplayWindow.trendDays)
        #expect(DisplayWindow.days(historyDays: 1000) == 1000)
        let asOf = Day(iso: "2025-01-05")!
        #expect(DisplayWindow.firstDay(through: asOf, historyDays: 120) == asOf.adding(days: 1 - 730))
    }
}
