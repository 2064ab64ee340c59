import ForesiteCore

/// `index.html`: the latest forecast, its chart, Fear & Greed, SOL vs BTC, a short accuracy summary and
/// how fresh the data and model are.
struct IndexPage {
    struct Headline {
        let instrument: String
        let point: String
        let targetDay: String
        let change: String
        let interval: String?
        let madeOn: String
        let origin: String
        let lastObserved: String
        let modelVersion: String
    }

    struct ForecastRow {
        let day: String
        let horizon: Int
        let point: String
        let change: String
        let intervals: [String]
        let naive: String
    }

    struct AccuracyRow {
        let horizon: Int
        let count: Int
        let model: String
        let naive: String
        let verdict: String
    }

    struct FreshnessRow {
        let group: String
        let lastDay: String
        let behind: String
    }

    let page: PageFrame
    let instrument: String
    let headline: Headline?
    let intervalColumns: [String]
    let forecastRows: [ForecastRow]
    let priceChart: FigureView
    let fearGreedEnabled: Bool
    let gauge: FigureView
    let fearGreedChart: FigureView
    let relativeChart: FigureView
    /// True when data.html compares more instruments than the front page.
    let hasMoreInstruments: Bool
    let accuracyRows: [AccuracyRow]
    let hasAccuracy: Bool
    let freshness: [FreshnessRow]
    let modelVersion: String?
    let modelCreated: String?

    /// Instruments the front page's trend chart compares (the target and the first covariates): its size
    /// must not grow with the number of covariates (index.html ≤ 200 KB); data.html compares them all.
    static let trendInstruments = 3

    init(content: SiteContent, trendSeries: [(label: String, candles: [Candle])]) {
        let instrument = content.target.instrument
        self.instrument = instrument
        page = PageFrame(
            content: content, file: "index.html", title: "\(instrument) 10-day forecast",
            description: content.site.description)
        let forecast = content.latestForecast
        let levels = forecast?.steps.first?.intervals.map(\.level) ?? []
        intervalColumns = levels.map { "\(Chart.levelLabel($0)) interval" }
        if let forecast, let final = forecast.steps.last {
            headline = Headline(
                instrument: instrument, point: NumberFormat.roundedCurrency(final.point),
                targetDay: final.targetDay.iso,
                change: NumberFormat.signedPercent(final.point / forecast.lastObserved - 1),
                interval: final.intervals.first.map {
                    "\(Chart.levelLabel($0.level)) interval \(NumberFormat.roundedCurrency($0.lower))–\(NumberFormat.roundedCurrency($0.upper))"
                },
                madeOn: forecast.madeOn.iso, origin: forecast.origin.iso,
                lastObserved: NumberFormat.currency(forecast.lastObserved), modelVersion: forecast.modelVersion)
            forecastRows = forecast.steps.map { step in
                ForecastRow(
                    day: step.targetDay.iso, horizon: step.horizon, point: NumberFormat.currency(step.point),
                    change: NumberFormat.signedPercent(step.point / forecast.lastObserved - 1),
                    intervals: levels.map { level in
                        step.interval(level).map {
                            "\(NumberFormat.currency($0.lower))–\(NumberFormat.currency($0.upper))"
                        } ?? "–"
                    },
                    naive: NumberFormat.currency(step.naive))
            }
        } else {
            headline = nil
            forecastRows = []
        }
        let history = content.targetCandles.suffix(max(1, content.site.historyDays))
        priceChart = FigureView(
            Chart.priceWithForecast(
                id: "price-chart", candles: Array(history), forecast: forecast, instrument: instrument))
        fearGreedEnabled = !content.fearGreed.isEmpty
        gauge = FigureView(Chart.fearGreedGauge(id: "fear-greed-gauge", reading: content.fearGreed.last))
        let readings = DisplayWindow.suffix(
            content.fearGreed, days: DisplayWindow.trendDays, through: content.asOf, day: \.day)
        fearGreedChart = FigureView(Chart.fearGreedHistory(id: "fear-greed-chart", readings: Array(readings)))
        relativeChart = FigureView(Chart.relativePerformance(id: "relative-chart", series: trendSeries))
        hasMoreInstruments = content.covariates.count + 1 > Self.trendInstruments
        accuracyRows = content.liveAccuracy.map { row in
            AccuracyRow(
                horizon: row.horizon, count: row.count, model: NumberFormat.currency(row.modelMAE),
                naive: NumberFormat.currency(row.naiveMAE),
                verdict: Self.verdict(model: row.modelMAE, naive: row.naiveMAE))
        }
        hasAccuracy = !accuracyRows.isEmpty
        freshness = content.featureGroups.map { group in
            FreshnessRow(
                group: group.name, lastDay: group.lastDay?.iso ?? "no rows",
                behind: group.staleness(asOf: content.asOf).map(Self.behind) ?? "–")
        }
        modelVersion = content.champion?.version
        modelCreated = content.champion?.created.iso
    }

    /// "better than naive by 12 %" / "worse than naive by 5 %" / "same as naive".
    static func verdict(model: Double, naive: Double) -> String {
        guard naive > 0, model.isFinite else { return "–" }
        let ratio = model / naive - 1
        if abs(ratio) < 0.005 { return "same as naive" }
        let amount = NumberFormat.percent(abs(ratio))
        return ratio < 0 ? "\(amount) better than naive" : "\(amount) worse than naive"
    }

    static func behind(_ days: Int) -> String {
        switch days {
        case ...0: "up to date"
        case 1: "1 day behind"
        default: "\(days) days behind"
        }
    }
}
