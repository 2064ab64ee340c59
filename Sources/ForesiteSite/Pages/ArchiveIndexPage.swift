import ForesiteCore

/// `forecasts/index.html`: every day a forecast was made, newest first, linking its archive page.
struct ArchiveIndexPage {
    struct Entry {
        let day: String
        let href: String
        let published: String
        let models: Int
        let known: String
    }

    let page: PageFrame
    let entries: [Entry]
    let hasEntries: Bool

    init(_ context: PageContext) {
        let content = context.content
        page = PageFrame(
            context, file: "forecasts/index.html", title: "Forecast archive",
            description: "Every day's \(content.target.instrument) forecasts by every model, against what happened.",
            root: "../")
        entries = content.archive.reversed().map { day in
            let horizons = Set(day.forecasts.flatMap { $0.steps.map(\.horizon) }).count
            return Entry(
                day: day.madeOn.iso, href: day.madeOn.iso + ".html", published: day.published?.rawValue ?? "–",
                models: day.forecasts.count, known: "\(min(day.actuals.count, horizons)) of \(horizons)")
        }
        hasEntries = !entries.isEmpty
    }
}

extension ArchiveIndexPage: SitePage {
    static let template = "archive-index"
    static let navigation: NavigationEntry? = NavigationEntry(label: "Archive", file: "forecasts/index.html")
    static func pages(_ context: PageContext) -> [ArchiveIndexPage] { [ArchiveIndexPage(context)] }
    var file: String { "forecasts/index.html" }
}
