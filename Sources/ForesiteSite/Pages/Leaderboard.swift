import ForesiteCore

/// One leaderboard window as the accuracy pages show it: the models ranked by relative WIS with
/// persistence as the 1.00 reference row, the heatmap by horizon and coverage by model and level.
struct Leaderboard {
    /// A link to one window's page; the current one is not a link.
    struct Tab {
        let label: String
        let href: String
        let current: Bool
    }

    struct Row {
        let model: String
        /// The model's page, relative to the accuracy pages; nil for a name that has no page.
        let href: String?
        let relative: String
        let wis: String
        let mae: String
        let coverage: [String]
        let pValue: String
        let verdict: String
        let count: String
        let isReference: Bool
        let isPublished: Bool
    }

    /// The window ids in tab order and their pages.
    static let windows = [("30", "Last 30 days"), ("90", "Last 90 days"), ("all", "All forecasts")]

    /// `accuracy.html` for "all", `accuracy-30.html` for "30".
    static func file(_ window: String) -> String { window == "all" ? "accuracy.html" : "accuracy-\(window).html" }

    let id: String
    let label: String
    let tabs: [Tab]
    let rows: [Row]
    let hasRows: Bool
    let period: String?
    let heatmap: FigureView?
    let coverageChart: FigureView?

    init(content: SiteContent, window id: String, root: String = "") {
        self.id = id
        let window = content.leaderboards.first { $0.id == id }
        label = window?.label ?? Self.windows.first { $0.0 == id }?.1.lowercased() ?? id
        tabs = Self.windows.map { Tab(label: $0.1, href: root + Self.file($0.0), current: $0.0 == id) }
        let tables = window?.tables ?? []
        let pages = Set(ModelLinks.pageIDs(content).map(\.rawValue))
        let published = content.publication?.model.rawValue
        let style = content.valueStyle
        func row(_ table: SiteContent.SkillTable) -> Row {
            let overall = table.overall
            return Row(
                model: table.model, href: pages.contains(table.model) ? root + ModelLinks.path(table.model) : nil,
                relative: SkillWording.relative(overall.relativeWIS), wis: style.format(overall.model.wis),
                mae: style.format(overall.model.mae), coverage: Self.coverage(overall.model),
                pValue: SkillWording.pValue(overall.test), verdict: SkillWording.verdict(overall),
                count: "\(overall.pairs)", isReference: false, isPublished: table.model == published)
        }
        var rows = tables.map(row)
        var summaries = tables.map { (name: $0.model, summary: $0.overall.model) }
        // Persistence's own scores, from the table that scored it on the most forecasts.
        if let widest = tables.max(by: { $0.overall.pairs < $1.overall.pairs }) {
            let baseline = widest.overall.baseline
            summaries.append((name: ModelID.persistence.rawValue, summary: baseline))
            let reference = Row(
                model: ModelID.persistence.rawValue,
                href: pages.contains("persistence") ? root + ModelLinks.path("persistence") : nil, relative: "1.00",
                wis: style.format(baseline.wis), mae: style.format(baseline.mae),
                coverage: Self.coverage(baseline), pValue: "–", verdict: "the reference", count: "\(baseline.count)",
                isReference: true, isPublished: published == ModelID.persistence.rawValue)
            let position = tables.firstIndex { !($0.overall.relativeWIS < 1) } ?? tables.count
            rows.insert(reference, at: position)
        }
        self.rows = rows
        hasRows = !rows.isEmpty
        if let from = tables.map(\.from).min(), let to = tables.map(\.to).max() {
            period = "\(from.iso) to \(to.iso)"
        } else {
            period = nil
        }
        heatmap =
            tables.isEmpty ? nil : FigureView(Chart.skillHeatmap(id: "heatmap-\(id)", tables: tables, window: label))
        coverageChart =
            summaries.isEmpty
            ? nil : FigureView(Chart.coverageByModel(id: "coverage-\(id)", models: summaries, window: label))
    }

    static func coverage(_ summary: ScoreSummary) -> [String] {
        QuantileForecast.standardLevels.map { level in
            summary.coverage(level: level).map { NumberFormat.percent($0) } ?? "–"
        }
    }
}
