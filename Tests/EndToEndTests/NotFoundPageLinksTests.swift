import ForesiteCore
import ForesitePreview
import ForesiteSite
import ForesiteTestSupport
import Foundation
import Testing

/// GitHub Pages serves 404.html at whatever depth was asked for, so its links are absolute from the site's
/// root ("/foresite/…"); the preview serves the same paths, so every one of them must resolve in both.
@Suite("404.html links resolve when published and in the preview")
struct NotFoundPageLinksTests {
    @Test func everyLinkOfThe404PageResolvesInThePreview() throws {
        var site = Config.Site()
        site.baseURL = "https://example.org/foresite/"
        let content = SiteContent.synthetic(days: 60, forecastDays: 5, site: site)
        let folder = try TemporaryDirectory(prefix: "foresite-404")
        let output = folder.path("docs")
        let root = SharedData.packageRoot
        try SiteBuilder(
            templatesDirectory: root.appendingPathComponent("templates"),
            staticDirectory: root.appendingPathComponent("site/static")
        ).build(content, into: output)
        let page = try String(contentsOf: output.appendingPathComponent("404.html"), encoding: .utf8)
        let links = Self.references(in: page).filter { !$0.hasPrefix("#") && !$0.hasPrefix("https://") }
        #expect(links.count >= 8, "\(links)")

        let resolver = try StaticPathResolver(root: output, mountPath: URL(string: site.baseURL)!.path)
        for link in links {
            #expect(link.hasPrefix("/foresite/"), "\(link) depends on the depth 404.html is served at")
            guard case .file = resolver.resolve(link) else {
                Issue.record("\(link) does not resolve in the preview")
                continue
            }
        }
    }

    /// Values of every `href="…"` and `src="…"`.
    static func references(in html: String) -> [String] {
        var found: [String] = []
        for attribute in ["href=\"", "src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                found.append(String(rest[..<end]))
                rest = rest[end...]
            }
        }
        return found
    }
}
