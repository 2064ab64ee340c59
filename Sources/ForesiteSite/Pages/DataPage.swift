import ForesiteCore
import Foundation

/// `data.html`: the feature groups, validation results, correlation heatmap and every download.
struct DataPage {
    struct GroupRow {
        let name: String
        let description: String
        let rows: String
        let firstDay: String
        let lastDay: String
        let missing: Int
        let incomplete: Int
        let freshness: String
    }

    struct RejectionRow {
        let group: String
        let day: String
        let reason: String
    }

    struct DownloadLink {
        let label: String
        let href: String
        let detail: String
    }

    /// Rejections listed on the page; the rest are counted.
    static let rejectionLimit = 200

    let page: PageFrame
    let groups: [GroupRow]
    let hasGroups: Bool
    let rejections: [RejectionRow]
    let hasRejections: Bool
    /// Nil when every rejection is listed (Mustache would render a section for 0).
    let hiddenRejections: Int?
    let heatmap: FigureView
    /// Every instrument rebased, when there are more than the front page compares.
    let trendChart: FigureView?
    let downloads: [DownloadLink]

    init(_ context: PageContext) {
        let content = context.content
        let trendSeries = context.trendSeries
        page = PageFrame(
            context, file: "data.html", title: "Data",
            description: "The stored feature groups, their freshness and validation results, and downloads.")
        groups = content.featureGroups.map { group in
            GroupRow(
                name: group.name, description: group.description,
                rows: NumberFormat.grouped(Double(group.rows), decimals: 0),
                firstDay: group.firstDay?.iso ?? "–", lastDay: group.lastDay?.iso ?? "–", missing: group.missingDays,
                incomplete: group.incompleteDays,
                freshness: group.staleness(asOf: content.asOf).map(IndexPage.behind) ?? "no rows")
        }
        hasGroups = !groups.isEmpty
        rejections = content.rejections.prefix(Self.rejectionLimit).map {
            RejectionRow(group: $0.group, day: $0.day?.iso ?? "–", reason: $0.reason)
        }
        hasRejections = !rejections.isEmpty
        hiddenRejections =
            content.rejections.count > Self.rejectionLimit ? content.rejections.count - Self.rejectionLimit : nil
        heatmap = FigureView(Self.heatmap(content))
        trendChart =
            trendSeries.count > IndexPage.trendInstruments
            ? FigureView(Chart.relativePerformance(id: "trend-all", series: trendSeries)) : nil
        downloads = context.downloads.offered.map {
            DownloadLink(label: $0.label, href: $0.path, detail: $0.detail)
        }
    }

    /// Correlation of daily log returns of each instrument's open (and daily change of Fear & Greed) over
    /// the last `DisplayWindow.correlationDays` days they have in common.
    static func heatmap(_ content: SiteContent) -> ChartFigure {
        var labels: [String] = []
        var series: [[Day: Double]] = []
        // One day more than correlated: the first day's change needs the day before.
        let days = DisplayWindow.correlationDays + 1
        for instrument in [content.target] + content.covariates {
            guard let all = content.prices[instrument.group] else { continue }
            let candles = DisplayWindow.suffix(all, days: days, through: content.asOf, day: \.day)
            guard candles.count > 2 else { continue }
            labels.append(instrument.instrument)
            series.append(changes(candles.map { ($0.day, $0.open) }, logarithmic: true))
        }
        let readings = DisplayWindow.suffix(content.fearGreed, days: days, through: content.asOf, day: \.day)
        if readings.count > 2 {
            labels.append("Fear & Greed")
            series.append(changes(readings.map { ($0.day, Double($0.value)) }, logarithmic: false))
        }
        let common =
            series.first.map { first in
                first.keys.filter { day in series.allSatisfy { $0[day] != nil } }.sorted().suffix(
                    DisplayWindow.correlationDays)
            } ?? []
        guard labels.count >= 2, common.count >= 3 else {
            return Chart.correlationHeatmap(id: "correlation", labels: [], matrix: [], period: "")
        }
        let aligned = series.map { values in common.map { values[$0]! } }
        return Chart.correlationHeatmap(
            id: "correlation", labels: labels, matrix: Correlation.matrix(aligned),
            period: "\(common.count) days from \(common.first!.iso) to \(common.last!.iso)")
    }

    /// Day → change from the previous calendar day (log return for prices, difference for an index).
    private static func changes(_ points: [(Day, Double)], logarithmic: Bool) -> [Day: Double] {
        var result: [Day: Double] = [:]
        for (previous, current) in zip(points, points.dropFirst()) where current.0.days(since: previous.0) == 1 {
            if logarithmic {
                guard previous.1 > 0, current.1 > 0 else { continue }
                result[current.0] = log(current.1 / previous.1)
            } else {
                result[current.0] = current.1 - previous.1
            }
        }
        return result
    }
}

extension DataPage: SitePage {
    static let template = "data"
    static let navigation: NavigationEntry? = NavigationEntry(label: "Data", file: "data.html")
    static func pages(_ context: PageContext) -> [DataPage] { [DataPage(context)] }
    var file: String { "data.html" }
}
