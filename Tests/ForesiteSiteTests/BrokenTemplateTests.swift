import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteSite

@Suite("A broken template fails the build, naming file and line")
struct BrokenTemplateTests {
    func builder(changing name: String, _ change: (String) -> String) throws -> SiteBuilder {
        var sources = try SiteFixture.templateSources()
        sources[name] = change(try #require(sources[name]))
        return try SiteBuilder(templates: TemplateSet(sources: sources), staticFiles: SiteFixture.staticBytes())
    }

    @Test func unclosedMustacheSectionNamesFileAndLine() throws {
        let source = try #require(try SiteFixture.templateSources()["model-detail"])
        let unclosed = source.replacingOccurrences(of: "{{/card}}\n", with: "")
        // The parser notices where the enclosing section closes instead.
        let lines = unclosed.split(separator: "\n", omittingEmptySubsequences: false)
        let expected = try #require(lines.firstIndex { $0.hasPrefix("{{/hasVersions}}") }) + 1
        #expect {
            _ = try builder(changing: "model-detail") { _ in unclosed }
        } throws: { error in
            guard case .template(let file, let line, _, let message) = error as? SiteError else { return false }
            return file == "model-detail.mustache" && line == expected && message.contains("section")
        }
    }

    @Test func unclosedHTMLTagNamesRenderedFileAndLine() throws {
        let broken = try builder(changing: "index") {
            $0.replacingOccurrences(
                of: "<h2 id=\"trend-heading\">Trend against the market</h2>",
                with: "<h2 id=\"trend-heading\"><span>Trend</h2>")
        }
        #expect {
            _ = try broken.render(SiteFixture.content())
        } throws: { error in
            let text = "\(error)"
            return text.contains("site: index.html:") && text.contains("parse error")
        }
    }

    @Test func deadLinkNamesFileAndLine() throws {
        let broken = try builder(changing: "data") {
            $0.replacingOccurrences(
                of: "<h1>Data</h1>", with: "<h1>Data</h1>\n<p><a href=\"nowhere.html\">gone</a></p>")
        }
        #expect {
            _ = try broken.render(SiteFixture.content())
        } throws: { error in
            "\(error)".contains("site: data.html:") && "\(error)".contains("link 'nowhere.html' points to missing")
        }
    }

    @Test func missingPartialIsReportedInsteadOfRenderingNothing() throws {
        #expect {
            _ = try builder(changing: "index") {
                $0.replacingOccurrences(of: "{{>partials/figure}}", with: "{{>partials/figur}}")
            }
        } throws: { error in
            guard case .missingPartial(let file, _, let name) = error as? SiteError else { return false }
            return file == "index.mustache" && name == "partials/figur"
        }
    }

    @Test func aFailedBuildLeavesThePreviousSiteIntact() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        try SiteFixture.builder().build(SiteFixture.content(), into: output)
        let before = try SnapshotTests.readTree(output)
        let broken = try builder(changing: "data") { $0 + "<a href=\"nowhere.html\">x</a>" }
        #expect(throws: SiteCheckFailure.self) { try broken.build(SiteFixture.content(), into: output) }
        #expect(try SnapshotTests.readTree(output) == before)
        // No staging folder left behind; the first build's cache stays.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == [
                ".docs.build-cache", ".docs.build-lock", "docs",
            ])
    }
}
