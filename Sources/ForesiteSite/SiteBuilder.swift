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
        var record = BuildRecord()
        return try render(content, history: history, previous: nil, splice: nil, record: &record).files
    }

    /// Renders, checks and atomically replaces `output`; returns the files of the new site.
    ///
    /// Incremental: the build cache beside `output` (`BuildCache`) says which files the previous build made
    /// from which inputs; hub forecasts and archive pages whose inputs have not changed are not made or
    /// parsed again (a reused archive page only gets the new footer day), and a page whose rendering did
    /// not change is not parsed again. The result is byte for byte the site a build without the cache makes.
    @discardableResult
    public func build(_ content: SiteContent, history: HistorySource? = nil, into output: URL) throws -> SiteFiles {
        let writer = SiteWriter(output: output)
        return try writer.locked { try build(content, history: history, writer: writer) }
    }

    private func build(_ content: SiteContent, history: HistorySource?, writer: SiteWriter) throws -> SiteFiles {
        let cacheURL = BuildCache.location(for: writer.output)
        let splice = AsOfSplice(content.asOf)
        let environment = splice == nil ? nil : environmentDigest(content)
        let previous = environment.map {
            PreviousBuild(cache: BuildCache.load(from: cacheURL, environment: $0), output: writer.output)
        }
        var record = BuildRecord()
        let (files, scans) = try render(content, history: history, previous: previous, splice: splice, record: &record)
        let identities = try writer.writeRecording(files)
        BuildCache.removeTargetCaches(beside: writer.output, except: [])
        guard let environment else {
            try? FileManager.default.removeItem(at: cacheURL)
            return files
        }
        let cache = BuildCache(
            environment: environment, identities: identities, record: record, scans: scans, day: content.asOf.iso)
        try? cache.save(to: cacheURL)
        return files
    }

    /// The site's files and the check's parse of every page; `previous` and `splice` make it incremental.
    func render(
        _ content: SiteContent, history: HistorySource?, previous: PreviousBuild?, splice: AsOfSplice?,
        record: inout BuildRecord
    ) throws -> (files: SiteFiles, scans: [String: PageScan]) {
        let (files, _) = try renderUnchecked(
            content, history: history, previous: previous, splice: splice, record: &record)
        let check = OutputCheck(rootPath: SiteURLs.rootPath(base: content.site.baseURL))
        let (problems, scans) = check.check(files, known: record.knownScans)
        if !problems.isEmpty { throw SiteCheckFailure(problems: problems) }
        return (files, scans)
    }

    /// Every file of one site (a single target's, or one target's folder of an overview), not yet checked,
    /// and the pages its sitemap lists in sitemap order.
    func renderUnchecked(
        _ content: SiteContent, history: HistorySource?, previous: PreviousBuild? = nil, splice: AsOfSplice? = nil,
        record: inout BuildRecord
    ) throws -> (files: SiteFiles, sitemap: [String]) {
        try SiteURLs.validate(baseURL: content.site.baseURL)
        var files = SiteFiles()
        for (path, bytes) in staticFiles { files.add("static/" + path, bytes: bytes) }
        let downloads = try Downloads.add(
            content, history: history ?? .inMemory(content), to: &files, previous: previous, record: &record)
        let navigation = Self.navigation(of: pages)
        let context = PageContext(content: content, navigation: navigation, downloads: downloads)
        let renderer = PageRenderer(context: context, templates: templates, splice: splice, previous: previous)
        let listed = try renderer.render(pages, into: &files, record: &record)
        let ordered = Sitemap.ordered(listed, navigation: navigation)
        files.add(
            "sitemap.xml",
            Sitemap.render(Sitemap.entries(ordered, base: content.site.baseURL, lastModified: content.asOf)))
        return (files, ordered)
    }

    /// Everything every file of the site may depend on besides its own inputs: the cache format, the
    /// executable, the templates, static files and page list, and the content every page's frame shows.
    /// Nil when the executable cannot be identified (then nothing is reused).
    func environmentDigest(_ content: SiteContent) -> BuildDigest? {
        guard let executable = FileIdentity.executable else { return nil }
        var hasher = BuildHasher()
        hasher.add(Int(BuildCache.format))
        hasher.add(word: executable.inode)
        hasher.add(executable.size)
        hasher.add(Int(executable.modified))
        hasher.add(templates.sourceDigest)
        for (path, bytes) in staticFiles.sorted(by: { $0.key < $1.key }) {
            hasher.add(path)
            hasher.add(bytes)
        }
        for page in pages {
            hasher.add(String(reflecting: page))
            hasher.add(page.template)
            hasher.add(page.inSitemap)
            hasher.add(page.navigation?.label)
            hasher.add(page.navigation?.file)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        hasher.add(Array((try? encoder.encode(content.site)) ?? Data()))
        hasher.add(Array((try? encoder.encode([content.target] + content.covariates)) ?? Data()))
        hasher.add(Array((try? encoder.encode(content.csvSeries)) ?? Data()))
        hasher.add(content.targetField)
        hasher.add(content.isDemo)
        hasher.add(content.isPartOfOverview)
        hasher.add(content.staleNotice?.message)
        return hasher.digest
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
