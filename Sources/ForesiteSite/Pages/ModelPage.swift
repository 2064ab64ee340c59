import ForesiteCore

/// `model.html`: what every model predicts and a link to each model's page (`models/<id>.html`), with its
/// overall relative WIS over all forecasts and which one is published.
struct ModelPage {
    struct Entry {
        let id: String
        let title: String
        let href: String
        let method: String
        let relative: String
        let verdict: String
        let enabled: Bool
        let isPublished: Bool
    }

    let page: PageFrame
    let instrument: String
    let targetDescription: String
    let market: String
    /// False for a series without a market (a CSV series): the page then names none.
    let hasMarket: Bool
    let horizon: Int
    /// "close" or "open": the price forecast; a plain series' field ("level").
    let field: String
    let entries: [Entry]
    let hasModels: Bool
    let publication: String?

    init(_ context: PageContext) {
        let content = context.content
        instrument = content.target.instrument
        targetDescription = content.target.description
        market = content.target.market
        hasMarket = !market.isEmpty
        page = PageFrame(
            context, file: "model.html", title: "Models",
            description: "The models that forecast \(content.target.instrument), how each works and how each scores.")
        horizon = content.latestForecast?.steps.count ?? 10
        field = content.latestForecast?.field ?? content.targetField
        let all = content.leaderboards.first { $0.id == "all" }?.tables ?? []
        let summaries = Dictionary(content.modelSummaries.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let published = content.publication?.model
        entries = ModelLinks.pageIDs(content).map { id in
            let summary = summaries[id]
            let table = all.first { $0.model == id.rawValue }
            return Entry(
                id: id.rawValue, title: summary?.title ?? id.rawValue, href: ModelLinks.path(id.rawValue),
                method: summary?.method ?? "No description recorded.",
                relative: id == .persistence
                    ? "1.00" : table.map { SkillWording.relative($0.overall.relativeWIS) } ?? "–",
                verdict: id == .persistence ? "the reference" : table.map { SkillWording.verdict($0.overall) } ?? "–",
                enabled: summary?.enabled ?? false, isPublished: id == published)
        }
        hasModels = !entries.isEmpty
        publication = content.publication?.sentence
    }
}

extension ModelPage: SitePage {
    static let template = "model"
    static let navigation: NavigationEntry? = NavigationEntry(label: "Models", file: "model.html")
    static func pages(_ context: PageContext) -> [ModelPage] { [ModelPage(context)] }
    var file: String { "model.html" }
}
