import ForesiteCore

/// `accuracy.html`: the leaderboard of every model over all forecasts, the ledger's chain check, live skill
/// of the published model against persistence per horizon, hindcasts per horizon from the ledger, and
/// every model's walk-forward backtest. `accuracy-30.html` and `accuracy-90.html` show the leaderboard of
/// their window only (the same template, `isMain` false), so the window tabs need no JavaScript.
struct AccuracyPage {
    struct Backtest {
        let from: String
        let to: String
        let settings: [SiteContent.Setting]
        let sections: [SkillRows.Section]
        let chart: FigureView
    }

    let page: PageFrame
    let instrument: String
    let leaderboard: Leaderboard
    /// True on accuracy.html, which alone carries the ledger, hindcast and backtest sections.
    let isMain: Bool
    let publication: String?
    /// "412 forecasts since 2025-01-01, chain verified", or where the chain breaks.
    let verification: String
    let isVerified: Bool
    let live: SkillRows.Section?
    let liveChart: FigureView?
    let coverageChart: FigureView?
    let hindcasts: [FigureView]
    let hasHindcasts: Bool
    let ledgerCount: Int
    let pendingCount: Int
    let backtest: Backtest?
    /// The hub export's observations file, when the site publishes the export (`site.hub_export`).
    let hubHref: String?

    init(_ context: PageContext, window: String = "all") {
        let content = context.content
        let instrument = content.target.instrument
        self.instrument = instrument
        let leaderboard = Leaderboard(content: content, window: window)
        self.leaderboard = leaderboard
        isMain = window == "all"
        page = PageFrame(
            context, file: Leaderboard.file(window),
            title: isMain ? "Accuracy" : "Accuracy, \(leaderboard.label)",
            description: "How the \(instrument) forecasts compared with what happened, against persistence.",
            section: "accuracy.html")
        publication = content.publication?.sentence
        hubHref = context.downloads.written.contains(HubExport.observationsPath) ? HubExport.observationsPath : nil
        guard isMain else {
            verification = ""
            isVerified = true
            (live, liveChart, coverageChart, hindcasts, hasHindcasts) = (nil, nil, nil, [], false)
            (ledgerCount, pendingCount, backtest) = (0, 0, nil)
            return
        }
        verification = Self.sentence(content.ledgerVerification.summary)
        isVerified = content.ledgerVerification.isVerified
        live = content.liveSkill.map { SkillRows.Section(id: "live-table", table: $0, style: content.valueStyle) }
        liveChart = content.liveSkill.map {
            FigureView(Chart.relativeSkill(id: "live-skill", tables: [$0], source: "live"))
        }
        coverageChart = content.liveSkill.map {
            FigureView(Chart.coverage(id: "live-coverage", comparisons: $0.horizons, source: "live"))
        }
        // Grouped once: each hindcast then sorts only its own horizon's entries.
        let known = Dictionary(grouping: content.ledger.filter { $0.actual != nil }, by: \.horizon)
        hindcasts = known.keys.sorted().map {
            FigureView(
                Chart.hindcast(
                    id: "hindcast-\($0)", entries: known[$0]!, horizon: $0, instrument: instrument,
                    style: content.valueStyle))
        }
        hasHindcasts = !hindcasts.isEmpty
        ledgerCount = content.ledger.count
        pendingCount = content.ledger.filter { $0.actual == nil }.count
        backtest = content.backtest.flatMap { Self.backtest($0, style: content.valueStyle) }
    }

    /// "412 forecasts since …" → "412 forecasts since ….": the summary as a sentence, capitalised.
    static func sentence(_ text: String) -> String {
        guard let first = text.first else { return text }
        return first.uppercased() + text.dropFirst() + (text.hasSuffix(".") ? "" : ".")
    }

    /// Baseline forecasters other than persistence, shown after the models.
    static let baselines = ["drift"]

    /// Models first (as given), then the baselines, so a baseline never heads the backtest.
    static func ordered(_ tables: [SiteContent.SkillTable]) -> [SiteContent.SkillTable] {
        tables.filter { !baselines.contains($0.model) } + tables.filter { baselines.contains($0.model) }
    }

    private static func backtest(_ summary: SiteContent.BacktestSummary, style: ValueStyle) -> Backtest? {
        let tables = ordered(summary.tables)
        guard !tables.isEmpty else { return nil }
        return Backtest(
            from: summary.from.iso, to: summary.to.iso, settings: summary.settings,
            sections: tables.enumerated().map {
                SkillRows.Section(id: "backtest-\($0.offset + 1)", table: $0.element, style: style)
            },
            chart: FigureView(Chart.relativeSkill(id: "backtest-skill", tables: tables, source: "backtest")))
    }
}

/// One page per leaderboard window; the navigation's entry opens "all".
extension AccuracyPage: SitePage {
    static let template = "accuracy"
    static let navigation: NavigationEntry? = NavigationEntry(label: "Accuracy", file: Leaderboard.file("all"))
    static func pages(_ context: PageContext) -> [AccuracyPage] {
        Leaderboard.windows.map { AccuracyPage(context, window: $0.0) }
    }
    var file: String { Leaderboard.file(leaderboard.id) }
}
