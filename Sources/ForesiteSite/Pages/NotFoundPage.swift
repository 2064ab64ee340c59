/// `404.html`: served by GitHub Pages at any depth, so its links are absolute from the site's root.
struct NotFoundPage {
    let page: PageFrame

    init(page: PageFrame) {
        self.page = page
    }

    init(_ context: PageContext) {
        page = PageFrame(
            context, file: "404.html", title: "Page not found", description: "This page does not exist.",
            root: SiteURLs.rootPath(base: context.content.site.baseURL))
    }
}

extension NotFoundPage: SitePage {
    static let template = "404"
    static let inSitemap = false
    static func pages(_ context: PageContext) -> [NotFoundPage] { [NotFoundPage(context)] }
    var file: String { "404.html" }
}
