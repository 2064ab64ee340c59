import ForesiteCore

/// `sitemap.xml`: every page of the page list that a crawler should know.
enum Sitemap {
    /// The navigation's pages first, in its order, then the rest in path order.
    static func ordered(_ pages: [String], navigation: [NavigationEntry]) -> [String] {
        let listed = Set(pages)
        let first = navigation.map(\.file).filter(listed.contains)
        let others = listed.subtracting(first).sorted()
        return first + others
    }

    /// The absolute URL of each of `pages` (paths from the root at `base`), last modified on `day`.
    static func entries(_ pages: [String], base: String, lastModified day: Day) -> [(location: String, day: Day)] {
        pages.map { (SiteURLs.absolute($0 == "index.html" ? "" : $0, base: base), day) }
    }

    /// One `<url>` per entry, in the order given.
    static func render(_ entries: [(location: String, day: Day)]) -> String {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n"
        for entry in entries {
            xml += "<url><loc>\(Markup.escape(entry.location))</loc><lastmod>\(entry.day.iso)</lastmod></url>\n"
        }
        return xml + "</urlset>\n"
    }
}
