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
    /// The overview of all targets, for a target's page on a `targets:` site.
    let overviewHref: String?
    /// The footer's links: the site's downloads (none on the overview) and its API.
    let downloadsHref: String?
    let apiHref: String
    /// The target's value words for the templates' prose (`ValueStyle`): what one value is called ("price",
    /// "level"), "the latest known price" or "… value", the unit of errors ("in US dollars") and the
    /// origin's reference ("close", "level").
    let noun: String
    let latestKnown: String
    let units: String
    let referenceNoun: String
    /// True when the target is a price (the crypto limitations apply).
    let isPrice: Bool

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
        overviewHref = content.isPartOfOverview ? root + "../index.html" : nil
        downloadsHref = root + "data.html#downloads"
        apiHref = root + "api/latest.json"
        (noun, latestKnown, units, referenceNoun) = Self.words(content.valueStyle)
        isPrice = content.valueStyle.isPrice
    }

    /// The words of `style` for prose.
    static func words(_ style: ValueStyle) -> (String, String, String, String) {
        (style.noun, style.latestKnown, style.unitPhrase, style.referenceNoun)
    }

    /// A page of the overview of a `targets:` site: one navigation entry (the cards lead on), its API the
    /// list of targets.
    init(_ overview: SiteOverview, file: String, title: String, description: String, root: String = "") {
        siteTitle = overview.site.title
        siteDescription = overview.site.description
        self.title = title
        self.description = description
        canonicalURL = SiteURLs.absolute(file == "index.html" ? "" : file, base: overview.site.baseURL)
        self.root = root
        nav = [NavItem(label: "All series", href: root + "index.html", current: file == "index.html")]
        isDemo = overview.isDemo
        staleMessage = overview.staleNotice?.message
        asOf = overview.asOf.iso
        scriptHref = nil
        overviewHref = nil
        downloadsHref = nil
        apiHref = root + OverviewFiles.targetsAPI
        // Prices when every target is one; otherwise words that fit any series.
        (noun, latestKnown, units, referenceNoun) =
            overview.targets.allSatisfy(\.valueStyle.isPrice)
            ? Self.words(.price) : ("value", "the latest known value", "in each series' own units", "value")
        isPrice = overview.targets.allSatisfy(\.valueStyle.isPrice)
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
