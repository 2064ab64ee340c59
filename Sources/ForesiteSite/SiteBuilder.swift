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

    /// Templates every build needs.
    public static let requiredTemplates = [
        "layout", "index", "accuracy", "model", "model-detail", "archive-index", "archive-day", "data", "404",
    ]

    public init(templates: TemplateSet, staticFiles: [String: [UInt8]]) throws {
        for name in Self.requiredTemplates where !templates.names.contains(name) {
            throw SiteError.missingTemplate(name: name, directory: "templates")
        }
        self.templates = templates
        self.staticFiles = staticFiles
    }

    /// Loads `templatesDirectory` (e.g. `templates/`) and every file under `staticDirectory` (`site/static/`).
    public init(templatesDirectory: URL, staticDirectory: URL) throws {
        try self.init(
            templates: TemplateSet(directory: templatesDirectory),
            staticFiles: Self.readFiles(under: staticDirectory))
    }

    /// Every output file in memory, checked by `OutputCheck`; throws `SiteCheckFailure` on any problem.
    /// The CSV downloads read `history` (default: the content's own prices, for content made in memory).
    public func render(_ content: SiteContent, history: HistorySource? = nil) throws -> SiteFiles {
        try SiteURLs.validate(baseURL: content.site.baseURL)
        var files = SiteFiles()
        for (path, bytes) in staticFiles { files.add("static/" + path, bytes: bytes) }
        try Downloads.add(content, history: history ?? .inMemory(content), to: &files)
        try PageRenderer(content: content, templates: templates).render(into: &files)
        files.add("sitemap.xml", Downloads.sitemap(content, files: files))
        let check = OutputCheck(rootPath: SiteURLs.rootPath(base: content.site.baseURL))
        try check.verify(files)
        return files
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
