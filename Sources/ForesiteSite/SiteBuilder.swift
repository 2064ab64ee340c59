import ForesiteCore
import Foundation

/// Renders `SiteContent` into every page, feed and download, checks the result, and writes it.
///
/// Templates and static files are read once when the builder is made; `render` is then a pure function
/// of the content, which is what makes two builds from the same inputs byte-identical.
public struct SiteBuilder: Sendable {
    public let templates: TemplateSet
    /// Files of `site/static/`, copied to `static/` in the output.
    public let staticFiles: [String: [UInt8]]
    /// The site's pages: this one list is what is rendered, what the navigation bar shows (the pages that
    /// declare an entry, in this order), what the sitemap lists and which templates a build requires.
    public let pages: [any SitePage.Type]

    /// The standard site, in navigation order. A new page is a `SitePage` in its own file, its template,
    /// and a line here.
    public static let standardPages: [any SitePage.Type] = [
        IndexPage.self, AccuracyPage.self, ModelPage.self, ModelDetailPage.self, ArchiveIndexPage.self,
        ArchivePage.self, DataPage.self, NotFoundPage.self,
    ]

    /// Templates a build of `pages` needs: the layout and each page's own, once each, in list order.
    public static func requiredTemplates(for pages: [any SitePage.Type]) -> [String] {
        var names = ["layout"]
        for page in pages where !names.contains(page.template) { names.append(page.template) }
        return names
    }

    /// The navigation bar: the entry of every page in `pages` that declares one, in list order.
    public static func navigation(of pages: [any SitePage.Type]) -> [NavigationEntry] {
        pages.compactMap { $0.navigation }
    }

    public init(
        templates: TemplateSet, staticFiles: [String: [UInt8]], pages: [any SitePage.Type] = SiteBuilder.standardPages
    ) throws {
        for name in Self.requiredTemplates(for: pages) where !templates.names.contains(name) {
            throw SiteError.missingTemplate(name: name, directory: "templates")
        }
        self.templates = templates
        self.staticFiles = staticFiles
        self.pages = pages
    }

    /// Loads `templatesDirectory` (e.g. `templates/`) and every file under `staticDirectory` (`site/static/`).
    public init(
        templatesDirectory: URL, staticDirectory: URL, pages: [any SitePage.Type] = SiteBuilder.standardPages
    ) throws {
        try self.init(
            templates: TemplateSet(directory: templatesDirectory),
            staticFiles: Self.readFiles(under: staticDirectory), pages: pages)
    }

    /// Every output file in memory, checked by `OutputCheck`; throws `SiteCheckFailure` on any problem.
    /// The CSV downloads read `history` (default: the content's own prices, for content made in memory).
    public func render(_ content: SiteContent, history: HistorySource? = nil) throws -> SiteFiles {
        let (files, _) = try renderUnchecked(content, history: history)
        let check = OutputCheck(rootPath: SiteURLs.rootPath(base: content.site.baseURL))
        try check.verify(files)
        return files
    }

    /// Every file of one target's site, not yet checked, and the pages its sitemap lists in sitemap order.
    func renderUnchecked(_ content: SiteContent, history: HistorySource?) throws -> (SiteFiles, sitemap: [String]) {
        try SiteURLs.validate(baseURL: content.site.baseURL)
        var files = SiteFiles()
        for (path, bytes) in staticFiles { files.add("static/" + path, bytes: bytes) }
        let downloads = try Downloads.add(content, history: history ?? .inMemory(content), to: &files)
        let navigation = Self.navigation(of: pages)
        let context = PageContext(content: content, navigation: navigation, downloads: downloads)
        let listed = try PageRenderer(context: context, templates: templates).render(pages, into: &files)
        let ordered = Sitemap.ordered(listed, navigation: navigation)
        files.add(
            "sitemap.xml",
            Sitemap.render(Sitemap.entries(ordered, base: content.site.baseURL, lastModified: content.asOf)))
        return (files, ordered)
    }

    /// Renders, checks and atomically replaces `output`; returns the files written.
    @discardableResult
    public func build(_ content: SiteContent, history: HistorySource? = nil, into output: URL) throws -> SiteFiles {
        let files = try render(content, history: history)
        try SiteWriter(output: output).write(files)
        return files
    }

    static func readFiles(under directory: URL) throws -> [String: [UInt8]] {
        let fileManager = FileManager.default
        guard let enumerator = fileManager.enumerator(atPath: directory.path) else {
            throw SiteError.io(path: directory.path, message: "static folder cannot be read")
        }
        var files: [String: [UInt8]] = [:]
        for case let path as String in enumerator {
            let url = directory.appendingPathComponent(path)
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue,
                !url.lastPathComponent.hasPrefix(".")
            else { continue }
            guard let data = fileManager.contents(atPath: url.path) else {
                throw SiteError.io(path: url.path, message: "cannot be read")
            }
            files[path] = Array(data)
        }
        return files
    }
}
