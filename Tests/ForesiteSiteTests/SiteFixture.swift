import ForesiteCore
import ForesiteSite
import ForesiteTestSupport
import Foundation

/// The repository's own templates and static files, and small deterministic contents to render with them.
enum SiteFixture {
    static let templates = SharedData.packageRoot.appendingPathComponent("templates", isDirectory: true)
    static let staticFiles = SharedData.packageRoot.appendingPathComponent("site/static", isDirectory: true)

    static func builder() throws -> SiteBuilder {
        try SiteBuilder(templatesDirectory: templates, staticDirectory: staticFiles)
    }

    /// A small but complete snapshot: 150 days of history, 20 days of forecasts.
    static func content() -> SiteContent {
        var site = Config.Site()
        site.baseURL = "https://example.org/foresite/"
        return SiteContent.synthetic(days: 150, asOf: Day(iso: "2025-01-05")!, forecastDays: 20, seed: 11, site: site)
    }

    /// Nothing stored yet: every section must say "not yet available" instead of failing.
    static func emptyContent() -> SiteContent {
        let config = Config()
        return SiteContent(
            site: config.site, asOf: Day(iso: "2025-01-05")!, target: config.target, covariates: config.covariates)
    }

    /// Template sources from the repository, so a test can break one of them.
    static func templateSources() throws -> [String: String] {
        var sources: [String: String] = [:]
        let enumerator = FileManager.default.enumerator(atPath: templates.path)!
        for case let path as String in enumerator where path.hasSuffix(".mustache") {
            sources[String(path.dropLast(".mustache".count))] = try String(
                contentsOf: templates.appendingPathComponent(path), encoding: .utf8)
        }
        return sources
    }

    static func staticBytes() throws -> [String: [UInt8]] {
        var files: [String: [UInt8]] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: staticFiles.path) {
            files[name] = Array(try Data(contentsOf: staticFiles.appendingPathComponent(name)))
        }
        return files
    }
}
