import ForesiteCore

/// `forecasts/<made-on>.html`: every model's forecast made on one day (median and 80 % interval per
/// horizon) against the price that followed, the published model marked. The path depends only on the
/// day, so links to it stay valid on every later build; the page itself fills in as actuals arrive.
struct ArchivePage {
    struct Column {
        let model: String
        let href: String?
        let isPublished: Bool
    }

    struct Row {
        let targetDay: String
        let horizon: Int
        let actual: String
        /// Per model: "median (lower–upper)", with whether the actual fell inside the 80 % interval.
        let cells: [Cell]
    }

    struct Cell {
        let median: String
        /// The 80 % interval, "$1,247–$1,394", or "" when the forecast has none.
        let interval: String
        /// "inside", "outside" or "" when the actual is not yet known.
        let hit: String
        let isPublished: Bool
    }

    struct Neighbour {
        let label: String
        let href: String
    }

    let page: PageFrame
    let madeOn: String
    let origin: String
    let reference: String
    let published: String?
    let publishedHref: String?
    let columns: [Column]
    let rows: [Row]
    /// `rows` as the table's body, pre-rendered (see `bodyRows`).
    let tableRows: String
    let known: Int
    let chart: FigureView
    let previous: Neighbour?
    let next: Neighbour?

    /// `forecasts/2025-01-05.html`.
    static func path(_ day: Day) -> String { path(iso: day.iso) }
    static func path(iso day: String) -> String { "forecasts/\(day).html" }

    init(_ context: PageContext, day: SiteContent.ArchiveDay, previous: Day?, next: Day?) {
        let content = context.content
        madeOn = day.madeOn.iso
        origin = day.origin.iso
        let style = content.valueStyle
        reference = style.format(day.reference)
        page = PageFrame(
            context, file: Self.path(day.madeOn), title: "Forecasts of \(day.madeOn.iso)",
            description:
                "Every model's \(content.target.instrument) forecast made on \(day.madeOn.iso), against what happened.",
            root: "../", section: "forecasts/index.html")
        published = day.published?.rawValue
        publishedHref = day.published.flatMap {
            ModelLinks.hasPage($0, in: content) ? "../" + ModelLinks.path($0.rawValue) : nil
        }
        columns = day.forecasts.map {
            Column(
                model: $0.model.rawValue,
                href: ModelLinks.hasPage($0.model, in: content) ? "../" + ModelLinks.path($0.model.rawValue) : nil,
                isPublished: $0.model == day.published)
        }
        let horizons = Array(Set(day.forecasts.flatMap { $0.steps.map(\.horizon) })).sorted()
        var rows: [Row] = []
        for horizon in horizons {
            let target = day.origin.adding(days: horizon)
            let actual = day.actuals[target]
            let cells = day.forecasts.map { forecast -> Cell in
                guard let step = forecast.steps.first(where: { $0.horizon == horizon }) else {
                    return Cell(median: "–", interval: "", hit: "", isPublished: forecast.model == day.published)
                }
                let interval = step.forecast.interval(level: 0.8)
                let range = interval.map { style.range($0) } ?? ""
                let hit = actual.flatMap { value in interval.map { $0.contains(value) ? "inside" : "outside" } } ?? ""
                return Cell(
                    median: style.format(step.median), interval: range, hit: hit,
                    isPublished: forecast.model == day.published)
            }
            rows.append(
                Row(
                    targetDay: (day.forecasts.first?.steps.first { $0.horizon == horizon }?.targetDay ?? target).iso,
                    horizon: horizon, actual: actual.map { style.format($0) } ?? "not yet known",
                    cells: cells))
        }
        self.rows = rows
        tableRows = Self.bodyRows(rows)
        known = day.actuals.count
        chart = FigureView(
            Chart.archiveDay(
                id: "archive-chart", day: day, instrument: content.target.instrument, style: style))
        self.previous = previous.map { Neighbour(label: $0.iso, href: "../" + Self.path($0)) }
        self.next = next.map { Neighbour(label: $0.iso, href: "../" + Self.path($0)) }
    }

    /// One `<tr>` per target day, every cell escaped, exactly as a `{{#rows}}` section of the template
    /// rendered them (a cell whose actual is not yet known keeps its empty hit mark). A year of archive
    /// pages has some 20 000 cells, and Mustache's per-name lookups on them were a third of the build.
    static func bodyRows(_ rows: [Row]) -> String {
        var html = ""
        html.reserveCapacity(rows.count * (64 + (rows.first?.cells.count ?? 0) * 160))
        for row in rows {
            html += "<tr><td>"
            html += Markup.escape(row.targetDay)
            html += "</td><td>"
            html += String(row.horizon)
            html += " d</td><td>"
            html += Markup.escape(row.actual)
            html += "</td>"
            for cell in row.cells {
                let hit = Markup.escape(cell.hit)
                html += "<td class=\""
                html += hit
                html += cell.isPublished ? " published\">" : "\">"
                html += Markup.escape(cell.median)
                html += "<span class=\"interval\">"
                html += Markup.escape(cell.interval)
                html += "</span><span class=\"hit-mark\"> "
                html += hit
                html += "</span></td>"
            }
            html += "</tr>\n"
        }
        return html
    }
}

/// One page per day a forecast was made, each linking the days before and after.
extension ArchivePage: SitePage {
    static let template = "archive-day"
    static func pages(_ context: PageContext) -> [ArchivePage] {
        let archive = context.content.archive
        return archive.indices.map { index in
            ArchivePage(
                context, day: archive[index], previous: index > 0 ? archive[index - 1].madeOn : nil,
                next: index + 1 < archive.count ? archive[index + 1].madeOn : nil)
        }
    }
    var file: String { Self.path(iso: madeOn) }
}
