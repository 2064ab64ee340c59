import ForesiteCore

/// `model.html`: the model card (what it predicts, inputs, architecture, training window, settings,
/// limitations) and every registered version's metrics beside persistence's on the same days.
struct ModelPage {
    struct Card {
        let version: String
        let created: String
        let mode: String
        let architecture: String
        let trainingFrom: String
        let trainingTo: String
        let inputs: [String]
        let hyperparameters: [SiteContent.Setting]
        let notes: String?
    }

    struct MetricRow {
        let version: String
        let created: String
        let mode: String
        let champion: Bool
        let split: String
        let metric: String
        let model: String
        let persistence: String
        let notes: String?
    }

    let page: PageFrame
    let instrument: String
    let targetDescription: String
    let market: String
    let horizon: Int
    /// "close" or "open": the price forecast.
    let field: String
    let card: Card?
    let metricRows: [MetricRow]
    let hasVersions: Bool

    init(content: SiteContent) {
        instrument = content.target.instrument
        targetDescription = content.target.description
        market = content.target.market
        page = PageFrame(
            content: content, file: "model.html", title: "Model card",
            description: "What the \(content.target.instrument) model predicts, how it was trained and how it scores.")
        horizon = content.latestForecast?.steps.count ?? 10
        field = content.latestForecast?.field ?? content.targetField
        card = content.champion.map { model in
            Card(
                version: model.version, created: model.created.iso, mode: model.mode,
                architecture: model.architecture, trainingFrom: model.trainingFrom.iso,
                trainingTo: model.trainingTo.iso, inputs: model.inputs, hyperparameters: model.hyperparameters,
                notes: model.notes)
        }
        metricRows = content.models.flatMap { model in
            let metrics =
                model.metrics.isEmpty
                ? [SiteContent.ModelMetric(split: "–", name: "–", model: .nan, persistence: nil)] : model.metrics
            return metrics.map { metric in
                MetricRow(
                    version: model.version, created: model.created.iso, mode: model.mode, champion: model.isChampion,
                    split: metric.split, metric: metric.name,
                    model: metric.model.isFinite ? NumberFormat.compact(metric.model, decimals: 4) : "–",
                    persistence: metric.persistence.map { NumberFormat.compact($0, decimals: 4) } ?? "–",
                    notes: model.notes)
            }
        }
        hasVersions = !content.models.isEmpty
    }
}
