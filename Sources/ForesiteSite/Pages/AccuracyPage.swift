import ForesiteCore

/// `accuracy.html`: hindcasts per horizon from the ledger, live accuracy and coverage, and the backtest.
struct AccuracyPage {
    struct LiveRow {
        let horizon: Int
        let count: Int
        let model: String
        let naive: String
        let verdict: String
        let coverage: [String]
    }

    struct BacktestRow {
        let horizon: String
        let cells: [String]
    }

    struct Backtest {
        let from: String
        let to: String
        let settings: [SiteContent.Setting]
        let columns: [String]
        let rows: [BacktestRow]
        let chart: FigureView?
    }

    let page: PageFrame
    let instrument: String
    let hindcasts: [FigureView]
    let hasHindcasts: Bool
    let liveChart: FigureView
    let coverageChart: FigureView
    let coverageColumns: [String]
    let liveRows: [LiveRow]
    let hasLive: Bool
    let ledgerCount: Int
    let pendingCount: Int
    let backtest: Backtest?

    init(content: SiteContent) {
        let instrument = content.target.instrument
        self.instrument = instrument
        page = PageFrame(
            content: content, file: "accuracy.html", title: "Accuracy",
            description: "How the \(instrument) forecasts compared with what happened, beside the naive forecast.")
        // Grouped once: each hindcast then sorts only its own horizon's entries.
        let known = Dictionary(grouping: content.ledger.filter { $0.actual != nil }, by: \.horizon)
        hindcasts = known.keys.sorted().map {
            FigureView(
                Chart.hindcast(id: "hindcast-\($0)", entries: known[$0]!, horizon: $0, instrument: instrument))
        }
        hasHindcasts = !hindcasts.isEmpty
        liveChart = FigureView(Chart.accuracyBars(id: "live-mae", rows: content.liveAccuracy, source: "live"))
        coverageChart = FigureView(Chart.coverage(id: "live-coverage", rows: content.liveAccuracy, source: "live"))
        let levels = Array(Set(content.liveAccuracy.flatMap { $0.coverage.map(\.level) })).sorted()
        coverageColumns = levels.map { "\(Chart.levelLabel($0)) coverage" }
        liveRows = content.liveAccuracy.map { row in
            LiveRow(
                horizon: row.horizon, count: row.count, model: NumberFormat.currency(row.modelMAE),
                naive: NumberFormat.currency(row.naiveMAE),
                verdict: IndexPage.verdict(model: row.modelMAE, naive: row.naiveMAE),
                coverage: levels.map { level in
                    row.coverage.first { abs($0.level - level) < 1e-9 }.map { NumberFormat.percent($0.observed) } ?? "–"
                })
        }
        hasLive = !liveRows.isEmpty
        ledgerCount = content.ledger.count
        pendingCount = content.ledger.filter { $0.actual == nil }.count
        backtest = content.backtest.map(Self.backtest)
    }

    /// The backtest's baseline forecasters, in the order the table shows them after the models.
    static let baselines = ["naive", "naive-close", "drift"]

    /// Models first (as stored), then the baselines in `baselines` order, so that the chart's "model" is
    /// never a baseline whatever order the store returns the names in.
    static func ordered(_ names: [String]) -> [String] {
        names.filter { !baselines.contains($0) } + baselines.filter(names.contains)
    }

    private static func backtest(_ summary: SiteContent.BacktestSummary) -> Backtest {
        let models = ordered(summary.modelNames)
        let horizons = Array(Set(summary.results.map(\.horizon))).sorted()
        let primary = models.first { !baselines.contains($0) }
        let levels = Array(Set(summary.results.filter { $0.model == primary }.flatMap { $0.coverage.map(\.level) }))
            .sorted()
        func result(_ model: String, _ horizon: Int) -> SiteContent.BacktestResult? {
            summary.results.first { $0.model == model && $0.horizon == horizon }
        }
        let rows = horizons.map { horizon in
            BacktestRow(
                horizon: "\(horizon) d",
                cells: models.map { model in result(model, horizon).map { NumberFormat.currency($0.mae) } ?? "–" }
                    + levels.map { level in
                        primary.flatMap { result($0, horizon) }?.coverage.first { abs($0.level - level) < 1e-9 }
                            .map { NumberFormat.percent($0.observed) } ?? "–"
                    })
        }
        var chart: FigureView?
        if let primary, models.contains("naive") {
            let paired = horizons.compactMap { horizon -> SiteContent.HorizonAccuracy? in
                guard let model = result(primary, horizon), let naive = result("naive", horizon) else { return nil }
                return SiteContent.HorizonAccuracy(
                    horizon: horizon, count: 0, modelMAE: model.mae, naiveMAE: naive.mae, coverage: model.coverage)
            }
            chart = FigureView(Chart.accuracyBars(id: "backtest-mae", rows: paired, source: "backtest"))
        }
        return Backtest(
            from: summary.from.iso, to: summary.to.iso, settings: summary.settings,
            columns: models.map { "\($0) MAE" } + levels.map { "\(primary ?? "") \(Chart.levelLabel($0)) coverage" },
            rows: rows, chart: chart)
    }
}
