import ForesiteCore

/// What `layout.mustache` needs on every page: titles, navigation, banners and where the root is.
struct PageFrame {
    struct NavItem {
        let label: String
        let href: String
        let current: Bool
    }

    let siteTitle: String
    let siteDescription: String
    let title: String
    let description: String
    let canonicalURL: String
    /// Prefix for links to other pages and assets: "" for pages at the top, the site's absolute path
    /// (e.g. "/foresite/") for 404.html, which GitHub Pages serves at any depth.
    let root: String
    let nav: [NavItem]
    let isDemo: Bool
    let staleMessage: String?
    let asOf: String
    let scriptHref: String?

    /// `file` is the page's path from the site's root; `section` the navigation entry it belongs to (a
    /// model page to "model.html", an archive day to "forecasts/index.html"); `root` the way back to the
    /// root ("../" from a folder). The navigation bar is the context's: every page of the site's list that
    /// declares an entry, in list order.
    init(
        _ context: PageContext, file: String, title: String, description: String, root: String = "",
        section: String? = nil
    ) {
        let content = context.content
        siteTitle = content.site.title
        siteDescription = content.site.description
        self.title = title
        self.description = description
        canonicalURL = SiteURLs.absolute(file == "index.html" ? "" : file, base: content.site.baseURL)
        self.root = root
        nav = context.navigation.map {
            NavItem(label: $0.label, href: root + $0.file, current: $0.file == (section ?? file))
        }
        isDemo = content.isDemo
        staleMessage = content.staleNotice?.message
        asOf = context.footerDay
        scriptHref = root + "static/crosshair.js"
    }
}

/// A chart as the figure partial reads it.
///
/// The data table's body rows arrive pre-rendered (`tableRows`, every cell escaped here): a hindcast table
/// has hundreds of cells, and Mustache resolves each one by reflection, which was a quarter of the build.
/// The partial keeps the table's frame (caption, head, classes), so restyling still needs no Swift.
struct FigureView {
    let id: String
    let title: String
    let summary: String
    let svg: String
    let columns: [String]
    let tableRows: String
    let hasTable: Bool

    init(_ figure: ChartFigure) {
        id = figure.id
        title = figure.title
        summary = figure.summary
        svg = figure.svg
        columns = figure.table.columns
        tableRows = Self.bodyRows(figure.table.rows)
        hasTable = !figure.table.isEmpty
    }

    /// `<tr><td>…</td></tr>` per row, one per line, exactly as `{{#rows}}` … `{{/rows}}` rendered them.
    static func bodyRows(_ rows: [DataTable.Row]) -> String {
        var html = ""
        html.reserveCapacity(rows.count * 96)
        for row in rows {
            html += "<tr>"
            for cell in row.cells {
                html += "<td>"
                html += Markup.escape(cell)
                html += "</td>"
            }
            html += "</tr>\n"
        }
        return html
    }
}
