/// A page of the site: the file it is written to, the template that renders it, its entry in the
/// navigation bar (if any), and its model — the conforming value itself, which the template reads.
///
/// `pages(_:)` makes the pages of one kind: one for most (index.html), one per model or per day for a
/// family (`models/<id>.html`, `forecasts/<day>.html`). `SiteBuilder.pages` lists every kind once, and that
/// one list drives rendering, the navigation bar, the sitemap and the templates a build requires, so adding
/// a page is one conforming type, its template and its line in `SiteBuilder.standardPages` (a test passes
/// its own list instead: `PageListTests`).
public protocol SitePage: SendableMetatype {
    /// `templates/<template>.mustache`; it extends `layout` and reads the page's `page` (a `PageFrame`).
    static var template: String { get }
    /// The page's entry in every page's navigation bar, in list order; nil for pages reached by links.
    static var navigation: NavigationEntry? { get }
    /// False for a page no crawler should list (404.html).
    static var inSitemap: Bool { get }
    /// The pages of this kind for the site being built.
    static func pages(_ context: PageContext) -> [Self]
    /// The page's path from the site's root, e.g. `models/lstm.html`.
    var file: String { get }
}

extension SitePage {
    public static var navigation: NavigationEntry? { nil }
    public static var inSitemap: Bool { true }
}

/// One link of the navigation bar: its text and the page it opens (a path from the site's root).
public struct NavigationEntry: Hashable, Sendable {
    public var label: String
    public var file: String

    public init(label: String, file: String) {
        self.label = label
        self.file = file
    }
}
