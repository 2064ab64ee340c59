import ForesiteCore

/// `index.html`: the latest forecast, its chart, Fear & Greed, SOL vs BTC, a short accuracy summary and
/// how fresh the data and model are.
struct IndexPage {
    struct Headline {
        /// "SOL-USD", or "river's level" for a plain series.
        let subject: String
        /// "to close at" or "to open at" for a price, "at" for a plain series.
        let verb: String
        let median: String
        let targetDay: String
        let change: String
        let interval: String?
        let madeOn: String
        let origin: String
        let reference: String
        let model: String
        let modelVersion: String
        /// The published model's page, when it has one.
        let modelHref: String?
        /// The day's archive page, when there is one.
        let archiveHref: String?
    }

    struct ForecastRow {
        let day: String
        let horizon: Int
        let median: String
        let change: String
        /// The 50, 80 and 95 % intervals.
        let intervals: [String]
        let persistenceMedian: String
        let persistenceInterval: String
    }

    struct FreshnessRow {
        let group: String
        let lastDay: String
        let behind: String
    }

    let page: PageFrame
    let instrument: String
    let headline: Headline?
    /// The plain sentence saying which model is published and why.
    let publication: String?
    /// True when no model beat persistence, so the headline is persistence's forecast.
    let isPersistence: Bool
    let intervalColumns: [String]
    let forecastRows: [ForecastRow]
    let priceChart: FigureView
    let fearGreedEnabled: Bool
    let gauge: FigureView
    let fearGreedChart: FigureView
    let relativeChart: FigureView
    /// True when data.html compares more instruments than the front page.
    let hasMoreInstruments: Bool
    /// The overall relative WIS and verdict, nil before any forecast was scored.
    let accuracyLead: String?
    let accuracyRows: [SkillRows.Row]
    let hasAccuracy: Bool
    let freshness: [FreshnessRow]
    let modelVersion: String?
    let modelCreated: String?

    /// Instruments the front page's trend chart compares (the target and the first covariates): its size
    /// must not grow with the number of covariates (index.html ≤ 200 KB); data.html compares them all.
    static let trendInstruments = 3

    init(_ context: PageContext) {
        let content = context.content
        let trendSeries = Array(context.trendSeries.prefix(Self.trendInstruments))
        let instrument = content.target.instrument
        let style = content.valueStyle
        self.instrument = instrument
        page = PageFrame(
            context, file: "index.html", title: "\(instrument) 10-day forecast",
            description: content.site.description)
        let forecast = content.latestForecast
        let persistence = content.latestPersistence
        intervalColumns = QuantileForecast.standardLevels.map { "\(Chart.levelLabel($0)) interval" }
        if let forecast, let final = forecast.steps.last {
            let reference = forecast.reference
            headline = Headline(
                subject: style.subject(instrument), verb: style.forecastVerb(field: forecast.field),
                median: style.rounded(final.median),
                targetDay: final.targetDay.iso, change: NumberFormat.signedPercent(final.median / reference - 1),
                interval: final.forecast.interval(level: 0.8).map { "80 % interval \(style.roundedRange($0))" },
                madeOn: forecast.madeOn.iso, origin: forecast.origin.iso, reference: style.format(reference),
                model: forecast.model.rawValue, modelVersion: forecast.modelVersion,
                modelHref: ModelLinks.pageIDs(content).contains(forecast.model)
                    ? ModelLinks.path(forecast.model.rawValue) : nil,
                archiveHref: content.archive.contains { $0.madeOn == forecast.madeOn }
                    ? ArchivePage.path(forecast.madeOn) : nil)
            forecastRows = forecast.steps.map { step in
                let base = persistence?.step(horizon: step.horizon)?.forecast
                return ForecastRow(
                    day: step.targetDay.iso, horizon: step.horizon, median: style.format(step.median),
                    change: NumberFormat.signedPercent(step.median / reference - 1),
                    intervals: QuantileForecast.standardLevels.map { level in
                        step.forecast.interval(level: level).map { style.range($0) } ?? "–"
                    },
                    persistenceMedian: base.map { style.format($0.median) } ?? "–",
                    persistenceInterval: base?.interval(level: 0.8).map { style.range($0) } ?? "–")
            }
        } else {
            headline = nil
            forecastRows = []
        }
        publication = content.publication?.sentence
        isPersistence = content.publication?.isPersistence ?? false
        let history = content.targetCandles.suffix(max(1, content.site.historyDays))
        priceChart = FigureView(
            Chart.priceWithForecast(
                id: "price-chart", candles: Array(history), forecast: forecast, persistence: persistence,
                instrument: instrument, field: forecast?.field ?? content.targetField, style: style))
        fearGreedEnabled = !content.fearGreed.isEmpty
        gauge = FigureView(Chart.fearGreedGauge(id: "fear-greed-gauge", reading: content.fearGreed.last))
        let readings = DisplayWindow.suffix(
            content.fearGreed, days: DisplayWindow.trendDays, through: content.asOf, day: \.day)
        fearGreedChart = FigureView(Chart.fearGreedHistory(id: "fear-greed-chart", readings: Array(readings)))
        relativeChart = FigureView(Chart.relativePerformance(id: "relative-chart", series: trendSeries))
        hasMoreInstruments = content.covariates.count + 1 > Self.trendInstruments
        accuracyLead = content.liveSkill.map(SkillWording.lead)
        accuracyRows = content.liveSkill.map { SkillRows.brief($0, style: style) } ?? []
        hasAccuracy = content.liveSkill != nil
        freshness = content.featureGroups.map { group in
            FreshnessRow(
                group: group.name, lastDay: group.lastDay?.iso ?? "no rows",
                behind: group.staleness(asOf: content.asOf).map(Self.behind) ?? "–")
        }
        modelVersion = content.champion?.version
        modelCreated = content.champion?.created.iso
    }

    static func behind(_ days: Int) -> String {
        switch days {
        case ...0: "up to date"
        case 1: "1 day behind"
        default: "\(days) days behind"
        }
    }
}

extension IndexPage: SitePage {
    static let template = "index"
    static let navigation: NavigationEntry? = NavigationEntry(label: "Forecast", file: "index.html")
    static func pages(_ context: PageContext) -> [IndexPage] { [IndexPage(context)] }
    var file: String { "index.html" }
}
