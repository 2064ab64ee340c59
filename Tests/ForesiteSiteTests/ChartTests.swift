import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

@Suite("Charts state their numbers and stay accessible")
struct ChartTests {
    static let content = SiteContent.synthetic(days: 200, asOf: Day(iso: "2025-01-05")!, forecastDays: 30, seed: 3)

    static func allFigures() -> [ChartFigure] {
        let content = Self.content
        let candles = content.targetCandles
        return [
            Chart.priceWithForecast(
                id: "price", candles: Array(candles.suffix(120)), forecast: content.latestForecast,
                persistence: content.latestPersistence, instrument: "SOL-USD"),
            Chart.fearGreedHistory(id: "fg", readings: content.fearGreed),
            Chart.fearGreedGauge(id: "gauge", reading: content.fearGreed.last),
            Chart.relativePerformance(
                id: "relative", series: [("SOL-USD", candles), ("BTC-USD", content.prices["bitcoin"]!)]),
            Chart.hindcast(id: "hindcast", entries: content.ledger, horizon: 3, instrument: "SOL-USD"),
            Chart.relativeSkill(id: "skill", tables: [content.liveSkill!], source: "live"),
            Chart.coverage(id: "coverage", comparisons: content.liveSkill!.horizons, source: "live"),
            DataPage.heatmap(content),
        ]
    }

    @Test func everyChartIsAWellFormedLabelledImageWithATable() throws {
        for figure in Self.allFigures() {
            #expect(figure.svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\""), "\(figure.id)")
            #expect(figure.svg.contains("role=\"img\""), "\(figure.id)")
            #expect(figure.svg.contains("<title id=\"\(figure.id)-title\">"), "\(figure.id)")
            #expect(figure.svg.contains("<desc id=\"\(figure.id)-desc\">\(Markup.escape(figure.summary))</desc>"))
            #expect(!figure.table.isEmpty, "\(figure.id) has no data table")
            let scan = try PageScan.parse(Array(figure.svg.utf8), path: "\(figure.id).svg").get()
            #expect(scan.problems.isEmpty, "\(figure.id): \(scan.problems)")
        }
    }

    @Test func priceChartSaysWhereTheForecastEndsBesidePersistence() throws {
        let forecast = try #require(Self.content.latestForecast)
        let last = try #require(forecast.steps.last)
        let interval = try #require(last.forecast.interval(level: 0.8))
        let persistence = try #require(Self.content.latestPersistence?.step(horizon: last.horizon)?.forecast)
        let figure = Self.allFigures()[0]
        let sentence =
            "SOL-USD is forecast to close at \(NumberFormat.roundedCurrency(last.median)) on \(last.targetDay.iso) "
            + "(median), 80 % interval \(ValueStyle.price.roundedRange(interval)); persistence forecasts "
            + "\(NumberFormat.roundedCurrency(persistence.median))"
        #expect(figure.summary.contains(sentence), "\(figure.summary)")
        // History plus forecast rows, and a hover column with a <title> for each.
        #expect(figure.table.rows.count == 120 + forecast.steps.count)
        #expect(figure.svg.components(separatedBy: "class=\"hit\"").count - 1 == 120 + forecast.steps.count)
        for level in ["l50", "l80", "l95"] { #expect(figure.svg.contains("fan fan-\(level)")) }
        #expect(figure.svg.contains("series persistence\"") && figure.svg.contains("series persistence-band\""))
        #expect(figure.table.columns.last == "Persistence 80 % interval")
    }

    @Test func skillChartHasAReferenceLineAtOne() throws {
        let figure = Self.allFigures()[5]
        #expect(figure.svg.contains("class=\"reference\""))
        #expect(figure.summary.hasPrefix("Below 1.0 the model beats persistence;"))
        #expect(figure.table.rows.count == 10)
    }

    @Test func longFearGreedHistoriesShowWeeklyMeansAndKeepTheirExtremes() throws {
        let long = SiteContent.synthetic(days: 730, forecastDays: 1)
        let figure = Chart.fearGreedHistory(id: "fg", readings: long.fearGreed)
        let weeks = FearGreedWeek.weeks(long.fearGreed)
        #expect((104...106).contains(weeks.count))
        #expect(figure.svg.components(separatedBy: "class=\"hit\"").count - 1 == weeks.count)
        #expect(figure.summary.contains("shown as weekly means (line) and each week's lowest to highest reading"))
        #expect(figure.svg.contains("class=\"fg-range\""))
        let values = long.fearGreed.map(\.value)
        #expect(figure.summary.contains("between \(values.min()!) and \(values.max()!)"))
        // Week, mean, low, high, class: the daily extremes survive in the weekly range.
        #expect(figure.table.rows.contains { $0.cells[2] == "\(values.min()!)" })
        #expect(figure.table.rows.contains { $0.cells[3] == "\(values.max()!)" })
    }

    @Test func weeksRunMondayToSundayWithMeanAndRange() throws {
        let monday = Day(iso: "2025-01-06")!
        let readings = (0..<9).map { offset in
            FearGreedReading(
                day: monday.adding(days: offset), value: 10 * (offset + 1), classification: .neutral)
        }
        let weeks = FearGreedWeek.weeks(readings)
        try #require(weeks.count == 2)
        #expect(weeks[0].first == monday && weeks[0].last.iso == "2025-01-12")
        #expect(weeks[0].low == 10 && weeks[0].high == 70 && abs(weeks[0].mean - 40) < 1e-9)
        #expect(weeks[1].first.iso == "2025-01-13" && weeks[1].low == 80 && weeks[1].high == 90)
    }

    @Test func shortFearGreedHistoriesStayDaily() {
        let short = SiteContent.synthetic(days: 60, forecastDays: 1)
        let figure = Chart.fearGreedHistory(id: "fg", readings: short.fearGreed)
        #expect(figure.table.rows.count == short.fearGreed.count)
        #expect(figure.summary.contains("shown as daily readings"))
    }

    @Test func gaugeShowsTodaysValueAndClass() {
        let reading = FearGreedReading(day: Day(iso: "2025-01-05")!, value: 72, classification: .greed)
        let figure = Chart.fearGreedGauge(id: "gauge", reading: reading)
        #expect(figure.summary == "Fear & Greed on 2025-01-05: 72 of 100, Greed.")
        #expect(figure.svg.contains(">72</text>") && figure.svg.contains(">Greed</text>"))
    }

    @Test func heatmapIsSymmetricWithOnesOnTheDiagonal() throws {
        let figure = DataPage.heatmap(Self.content)
        #expect(figure.table.columns == ["", "SOL-USD", "BTC-USD", "Fear & Greed"])
        for (row, cells) in figure.table.rows.map(\.cells).enumerated() {
            #expect(cells[row + 1] == "1.00")
            for column in 0..<3 { #expect(cells[column + 1] == figure.table.rows[column].cells[row + 1]) }
        }
        // The synthetic market couples SOL to BTC, so their returns must correlate clearly.
        let solBTC = try #require(Double(figure.table.rows[0].cells[2]))
        #expect(solBTC > 0.4)
    }

    @Test func emptyDataGivesAPlaceholderNotACrash() {
        let figure = Chart.priceWithForecast(id: "p", candles: [], forecast: nil, instrument: "SOL-USD")
        #expect(figure.svg.contains("Not yet available"))
        #expect(
            Chart.hindcast(id: "h", entries: [], horizon: 1, instrument: "X").summary.hasPrefix("Not yet available"))
        #expect(Chart.relativePerformance(id: "r", series: []).svg.contains("<title"))
    }

    @Test func pearsonMatchesHandComputedValues() {
        #expect(abs(Correlation.pearson([1, 2, 3, 4], [2, 4, 6, 8]) - 1) < 1e-12)
        #expect(abs(Correlation.pearson([1, 2, 3, 4], [8, 6, 4, 2]) + 1) < 1e-12)
        #expect(Correlation.pearson([1, 1, 1], [1, 2, 3]).isNaN)
    }

    @Test func liveSkillComparesModelAndPersistenceOnTheSameEntries() throws {
        let day = Day(iso: "2025-01-01")!
        func forecast(_ median: Double) -> QuantileForecast {
            QuantileForecast(
                median: median, intervals: [PredictionInterval(level: 0.8, lower: median - 10, upper: median + 10)])
        }
        let ledger = [
            SiteContent.LedgerEntry(
                madeOn: day, origin: day, targetDay: day.adding(days: 1), horizon: 1, model: "lstm",
                modelVersion: "v1", forecast: forecast(100), persistence: forecast(95), actual: 104),
            SiteContent.LedgerEntry(
                madeOn: day.adding(days: 1), origin: day.adding(days: 1), targetDay: day.adding(days: 2), horizon: 1,
                model: "lstm", modelVersion: "v1", forecast: forecast(100), persistence: forecast(104), actual: 120),
            SiteContent.LedgerEntry(
                madeOn: day.adding(days: 2), origin: day.adding(days: 2), targetDay: day.adding(days: 3), horizon: 1,
                model: "lstm", modelVersion: "v1", forecast: forecast(100), persistence: forecast(120), actual: nil),
        ]
        let table = try #require(SiteContent.skillTable(model: "lstm", entries: ledger))
        let row = try #require(table.horizons.first)
        #expect(row.pairs == 2 && table.from == day && table.to == day.adding(days: 1))
        #expect(abs(row.model.mae - 12) < 1e-12)
        #expect(abs(row.baseline.mae - 12.5) < 1e-12)
        #expect(abs((row.model.coverage(level: 0.8) ?? 0) - 0.5) < 1e-12)
        #expect(row.verdict == .tooFew)
    }
}
