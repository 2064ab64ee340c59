import ForesiteCore
import Testing

@testable import ForesiteSite

/// Ten covariate instruments: index.html must stay within its 200 KB budget (the front page compares only
/// the first few), while data.html compares every instrument in a chart whose legend wraps.
@Suite("Many covariates")
struct CovariateScaleTests {
    /// The synthetic site with `extra` more covariates, each a rescaled copy of bitcoin.
    static func content(extra: Int) -> SiteContent {
        var content = SiteContent.synthetic(days: 1826, forecastDays: 365)
        let bitcoin = content.prices["bitcoin"]!
        for index in 1...extra {
            let group = "alt\(index)"
            content.covariates.append(
                Config.Instrument(group: group, market: "kraken", instrument: "ALT\(index)-USD"))
            let scale = 1 + Double(index) / 10
            content.prices[group] = bitcoin.map { candle in
                var copy = candle
                copy.open = candle.open * scale / 1000
                return copy
            }
        }
        return content
    }

    @Test func indexStaysWithinItsBudgetWithTenCovariates() throws {
        let content = Self.content(extra: 9)
        #expect(content.covariates.count == 10)
        let files = try SiteFixture.builder().render(content)
        let index = try #require(files.text("index.html"))
        #expect(index.utf8.count <= 200 * 1024, "index.html is \(index.utf8.count) bytes")
        #expect(index.contains("SOL-USD vs BTC-USD vs ALT1-USD, rebased to 100"))
        #expect(!index.contains("ALT2-USD"))
        #expect(index.contains("href=\"data.html#trend-all\""))

        let data = try #require(files.text("data.html"))
        #expect(data.contains("id=\"trend-all\""))
        #expect(data.contains("ALT9-USD"))
        #expect(files.contains("downloads/alt9.csv"))
    }

    @Test func fewCovariatesNeedNoSecondTrendChart() throws {
        let files = try SiteFixture.builder().render(SiteFixture.content())
        #expect(try #require(files.text("data.html")).contains("trend-all") == false)
        #expect(try #require(files.text("index.html")).contains("trend-all") == false)
    }

    @Test func heatmapOfManySeriesNamesOnlyTheExtremes() {
        let figure = DataPage.heatmap(Self.content(extra: 9))
        #expect(figure.summary.contains("for 66 pairs of 12 series: most correlated "), "\(figure.summary)")
        #expect(figure.summary.contains("; least correlated ") && figure.summary.hasSuffix("in the data table."))
        #expect(figure.summary.count < 600, "\(figure.summary.count) characters")
        #expect(figure.table.rows.count == 12)
    }

    @Test func legendWrapsInsteadOfRunningPastTheEdge() {
        let frame = PlotFrame.standard(leftMargin: 52)
        let entries = (0..<11).map { (label: "ALT\($0)-USD", swatch: "series-\($0 % 6)") }
        #expect(frame.legendRows(entries) == 2)
        #expect(frame.legendRows(Array(entries.prefix(3))) == 1)
        var canvas = SVGCanvas(width: PlotFrame.standardWidth, height: PlotFrame.standardHeight)
        frame.drawLegend(entries, on: &canvas)
        let xs = canvas.body.components(separatedBy: "class=\"swatch ").dropFirst().compactMap { part -> Double? in
            guard let range = part.range(of: "x=\"") else { return nil }
            return Double(part[range.upperBound...].prefix { $0 != "\"" })
        }
        #expect(xs.count == 11)
        #expect(xs.allSatisfy { $0 + 19 + 10 * 8 <= frame.right })
    }
}
