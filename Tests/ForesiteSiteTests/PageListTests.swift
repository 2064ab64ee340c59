import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

/// A page added in a test — one type below and its template, nothing else edited — is rendered, joins the
/// navigation bar of every page when it declares an entry, and is listed in the sitemap; a build without
/// its template fails before rendering anything.
@Suite("Adding a page")
struct PageListTests {
    /// A page defined here only: its file, template, navigation entry and model.
    struct ColophonPage: SitePage {
        static let template = "colophon"
        static let navigation: NavigationEntry? = NavigationEntry(label: "Colophon", file: "colophon.html")

        let page: PageFrame
        let days: Int

        static func pages(_ context: PageContext) -> [ColophonPage] {
            let frame = PageFrame(
                context, file: "colophon.html", title: "Colophon", description: "How this site is made.")
            return [ColophonPage(page: frame, days: context.content.targetCandles.count)]
        }

        var file: String { "colophon.html" }
    }

    /// A family of pages without a navigation entry: one per feature group.
    struct GroupNotePage: SitePage {
        static let template = "group-note"

        let page: PageFrame
        let group: String

        static func pages(_ context: PageContext) -> [GroupNotePage] {
            context.content.featureGroups.map { group in
                GroupNotePage(
                    page: PageFrame(
                        context, file: "notes/\(group.name).html", title: "Notes on \(group.name)",
                        description: "One group's notes.", root: "../", section: "data.html"),
                    group: group.name)
            }
        }

        var file: String { "notes/\(group).html" }
    }

    static let templates = [
        "colophon": """
        {{<layout}}
        {{$main}}
        <h1>Colophon</h1>
        <p id="colophon-days">Built from {{days}} days of prices.</p>
        {{/main}}
        {{/layout}}
        """,
        "group-note": """
        {{<layout}}
        {{$main}}
        <h1>Notes on {{group}}</h1>
        {{/main}}
        {{/layout}}
        """,
    ]

    /// The repository's templates with `extra` beside them.
    static func templates(adding extra: [String: String]) throws -> TemplateSet {
        var sources: [String: String] = [:]
        let root = SiteFixture.templates
        for case let path as String in FileManager.default.enumerator(atPath: root.path)!
        where path.hasSuffix(".mustache") {
            let text = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            sources[String(path.dropLast(".mustache".count))] = text
        }
        return try TemplateSet(sources: sources.merging(extra) { $1 })
    }

    static func staticFiles() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: SiteFixture.staticFiles.path) {
            files[name] = Array(try Data(contentsOf: SiteFixture.staticFiles.appendingPathComponent(name)))
        }
        return files
    }

    @Test func aPageDefinedInATestIsRenderedNavigatedAndInTheSitemap() throws {
        let pages = SiteBuilder.standardPages + [ColophonPage.self, GroupNotePage.self]
        let builder = try SiteBuilder(
            templates: Self.templates(adding: Self.templates), staticFiles: Self.staticFiles(), pages: pages)
        let content = SiteFixture.content()
        // `render` runs the output check too: the new links resolve and every page parses.
        let files = try builder.render(content)

        let colophon = try #require(files.text("colophon.html"))
        #expect(colophon.contains("Built from \(content.targetCandles.count) days of prices."))
        #expect(colophon.contains(#"<a href="colophon.html" aria-current="page">Colophon</a>"#))
        // Every page's navigation bar ends with the new entry, relative to the page's folder.
        #expect(try #require(files.text("index.html")).contains(#"<li><a href="colophon.html">Colophon</a></li>"#))
        #expect(try #require(files.text("data.html")).contains(#"<a href="colophon.html">Colophon</a>"#))
        #expect(try #require(files.text("models/lstm.html")).contains(#"<a href="../colophon.html">Colophon</a>"#))
        #expect(try #require(files.text("404.html")).contains(#"<a href="/foresite/colophon.html">Colophon</a>"#))

        // The family without an entry: every page rendered, none in the navigation bar.
        let groups = content.featureGroups.map(\.name)
        #expect(!groups.isEmpty)
        for group in groups {
            let note = try #require(files.text("notes/\(group).html"), "notes/\(group).html")
            #expect(note.contains("<h1>Notes on \(group)</h1>"))
            #expect(note.contains(#"<a href="../data.html" aria-current="page">Data</a>"#))
        }
        #expect(try #require(files.text("index.html")).contains("notes/") == false)

        // The sitemap: navigation pages first (the new one last among them), then the rest by path.
        let sitemap = try #require(files.text("sitemap.xml"))
        let base = content.site.baseURL
        let locations = sitemap.split(separator: "\n").compactMap { line -> String? in
            guard let start = line.range(of: "<loc>"), let end = line.range(of: "</loc>") else { return nil }
            return String(line[start.upperBound..<end.lowerBound]).replacingOccurrences(of: base, with: "")
        }
        #expect(
            Array(locations.prefix(6)) == [
                "", "accuracy.html", "model.html", "forecasts/index.html", "data.html", "colophon.html",
            ])
        for group in groups { #expect(locations.contains("notes/\(group).html")) }
        #expect(!locations.contains("404.html"))

        // The standard list knows nothing of them.
        let standard = try SiteFixture.builder().render(content)
        #expect(standard.text("colophon.html") == nil)
        #expect(standard.text("sitemap.xml")?.contains("colophon") == false)
    }

    @Test func aPageWhoseTemplateIsMissingFailsTheBuilderUpFront() throws {
        #expect(throws: SiteError.missingTemplate(name: "colophon", directory: "templates")) {
            try SiteBuilder(
                templates: Self.templates(adding: [:]), staticFiles: [:],
                pages: SiteBuilder.standardPages + [ColophonPage.self])
        }
        #expect(SiteBuilder.requiredTemplates(for: [ColophonPage.self]) == ["layout", "colophon"])
    }
}
