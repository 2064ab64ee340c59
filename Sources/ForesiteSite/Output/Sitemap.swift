/// `sitemap.xml`: every page of the page list that a crawler should know.
enum Sitemap {
    /// The navigation's pages first, in its order, then the rest in path order.
    static func render(_ content: SiteContent, pages: [String], navigation: [NavigationEntry]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        let listed = Set(pages)
        let first = navigation.map(\.file).filter(listed.contains)
        let others = Set(pages).subtracting(first).sorted()
        for file in first + others {
            let location = SiteURLs.absolute(file == "index.html" ? "" : file, base: content.site.baseURL)
            xml += "<url><loc>\(Markup.escape(location))</loc><lastmod>\(content.asOf.iso)</lastmod></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
