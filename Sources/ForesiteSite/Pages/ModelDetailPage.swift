import ForesiteCore

/// `models/<id>.html`: one model's card (method, inputs, parameters, registry versions for the trained
/// LSTM) and its scores: the overall row of each leaderboard window, every horizon over all forecasts,
/// and its walk-forward backtest.
struct ModelDetailPage {
    /// One window's overall scores.
    struct WindowRow {
        let label: String
        let href: String
        let cells: [String]
    }

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
    }

    let page: PageFrame
    let id: String
    let title: String
    let method: String
    let inputs: [String]
    let parameters: [SiteContent.Setting]
    let hasParameters: Bool
    let enabled: Bool
    let isPersistence: Bool
    let isPublished: Bool
    let windowRows: [WindowRow]
    let hasWindowRows: Bool
    /// Every horizon over all forecasts (the "all" window).
    let horizons: SkillRows.Section?
    let backtest: SkillRows.Section?
    let card: Card?
    let metricRows: [MetricRow]
    let hasVersions: Bool
    /// The model's Hubverse metadata file, when it was exported.
    let hubMetadata: String?

    static func path(_ id: ModelID) -> String { ModelLinks.path(id.rawValue) }

    init(_ context: PageContext, id model: ModelID) {
        let content = context.content
        let summary = content.modelSummaries.first { $0.id == model }
        id = model.rawValue
        title = summary?.title ?? model.rawValue
        page = PageFrame(
            context, file: Self.path(model), title: "\(title) model",
            description: "How the \(model.rawValue) model forecasts \(content.target.instrument) and how it scores.",
            root: "../", section: "model.html")
        method = summary?.method ?? "No description recorded."
        inputs = summary?.inputs ?? []
        parameters = summary?.parameters ?? []
        hasParameters = !parameters.isEmpty
        enabled = summary?.enabled ?? false
        isPersistence = model == .persistence
        isPublished = content.publication?.model == model
        windowRows = content.leaderboards.compactMap { window in
            guard let table = window.tables.first(where: { $0.model == model.rawValue }) else { return nil }
            let overall = table.overall
            return WindowRow(
                label: window.label, href: "../" + Leaderboard.file(window.id) + "#leaderboard",
                cells: [
                    SkillWording.relative(overall.relativeWIS), content.valueStyle.format(overall.model.wis),
                    content.valueStyle.format(overall.model.mae),
                ] + Leaderboard.coverage(overall.model) + [
                    SkillWording.pValue(overall.test), SkillWording.verdict(overall), "\(overall.pairs)",
                ])
        }
        hasWindowRows = !windowRows.isEmpty
        horizons = content.leaderboards.first { $0.id == "all" }?.tables.first { $0.model == model.rawValue }.map {
            SkillRows.Section(id: "horizons", table: $0, style: content.valueStyle)
        }
        backtest = content.backtest?.tables.first { $0.model == model.rawValue }.map {
            SkillRows.Section(id: "backtest", table: $0, style: content.valueStyle)
        }
        let versions = summary?.versions ?? []
        card = (versions.first(where: \.isChampion) ?? versions.first).map { version in
            Card(
                version: version.version, created: version.created.iso, mode: version.mode,
                architecture: version.architecture, trainingFrom: version.trainingFrom.iso,
                trainingTo: version.trainingTo.iso, inputs: version.inputs, hyperparameters: version.hyperparameters,
                notes: version.notes)
        }
        metricRows = versions.flatMap { version in
            let metrics =
                version.metrics.isEmpty
                ? [SiteContent.ModelMetric(split: "–", name: "–", model: .nan, persistence: nil)] : version.metrics
            return metrics.map { metric in
                MetricRow(
                    version: version.version, created: version.created.iso, mode: version.mode,
                    champion: version.isChampion, split: metric.split, metric: metric.name,
                    model: metric.model.isFinite ? NumberFormat.compact(metric.model, decimals: 4) : "–",
                    persistence: metric.persistence.map { NumberFormat.compact($0, decimals: 4) } ?? "–")
            }
        }
        hasVersions = !versions.isEmpty
        hubMetadata = context.downloads.hubMetadata[model].map { "../" + $0 }
    }
}

/// One page per model that has one (`ModelLinks`), in the navigation under "Models".
extension ModelDetailPage: SitePage {
    static let template = "model-detail"
    static func pages(_ context: PageContext) -> [ModelDetailPage] {
        ModelLinks.pageIDs(context.content).map { ModelDetailPage(context, id: $0) }
    }
    var file: String { ModelLinks.path(id) }
}
