import ForesiteCore
import ForesitePipeline
import ForesiteSite
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

/// Issue 7 item 5 end to end: hostile text enters through the configuration file (title, description,
/// instruments and their descriptions, read by the real YAML loader), the model registry (a model's notes)
/// and the stale-data banner (a failed source), the site is built from the real store, and every page
/// is read again with libxml2 by `PageAudit`: no script but Foresite's own file, no `on*` attribute, no
/// `javascript:` URL, no `<foreignObject>`, and the payload is still there as text.
@Suite(.serialized)
struct XSSPipelineTests {
    static let payloads = [
        "<script>alert(1)</script>",
        "\"><img src=x onerror=alert(1)>",
        "' onmouseover='alert(1)",
        "javascript:alert(1)",
        "<svg><foreignObject><body onload=alert(1)></body></foreignObject></svg>",
        "<a href=\"javascript:alert(1)\">x</a>",
        "]]><script>alert(1)</script>",
        "\" style=\"x:expression(alert(1))",
    ]

    @Test func hostileStringsFromConfigRegistryAndSourcesReachThePagesOnlyAsText() async throws {
        let demo = try DemoWorkspace()
        let day = Day(iso: "2020-03-01")!
        let workspace = demo.on(day)
        _ = try await DailyRun.run(
            workspace, store: try workspace.openStore(), updater: DailyRun.demoUpdater)
        let store = try workspace.openStore()
        let champion = try #require(try store.registry.champion())

        for (index, payload) in Self.payloads.enumerated() {
            let configURL = demo.directory.path("hostile-\(index).yml")
            try Self.yaml(payload, templates: workspace.templatesURL, staticFiles: workspace.staticURL)
                .write(to: configURL, atomically: true, encoding: .utf8)
            var hostile = workspace
            hostile.config = try ConfigLoader.load(path: configURL.path)
            hostile = Demo.workspace(from: hostile)
            #expect(hostile.config.site.title == payload, "the YAML loader kept the payload as it is")

            var record = champion
            record.version = "\(champion.version)-notes-\(index)"
            record.notes = payload
            record.isChampion = false
            try store.write(command: "train") { writer in try writer.register(record) }

            _ = try SiteBuild.run(
                hostile, store: store,
                staleNotice: SiteContent.StaleNotice(dataAsOf: day.adding(days: -1), failedSources: [payload]))

            let files = try demo.outputFiles()
            let pages = files.filter { path, _ in [".html", ".svg", ".xml"].contains { path.hasSuffix($0) } }
            #expect(pages.count >= 5)
            for (path, bytes) in pages.sorted(by: { $0.key < $1.key }) {
                let problems = PageAudit.problems(in: bytes, path: path)
                #expect(problems.isEmpty, "payload \(index) '\(payload)': \(problems)")
            }
            // Still there, as text: the front page's <title> read back (entities resolved) holds the payload,
            // and the model page lists the model whose notes carry it.
            let index = String(decoding: try #require(files["index.html"]), as: UTF8.self)
            let title = try #require(index.firstMatch(of: /<title>([^<]*)<\/title>/)).1
            let text = [
                ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&#39;", "'"), ("&#x27;", "'"), ("&amp;", "&"),
            ]
            .reduce(String(title)) { $0.replacingOccurrences(of: $1.0, with: $1.1) }
            #expect(text.contains(payload), "title \(title)")
            let model = String(decoding: try #require(files["models/lstm.html"]), as: UTF8.self)
            #expect(model.contains(record.version))
        }
    }

    /// The audit is not vacuous: each thing it looks for, planted in a well-formed page, is reported.
    @Test(arguments: [
        #"<a href=" JavaScript:alert(1)">x</a>"#, #"<div onclick="alert(1)">x</div>"#, "<script>alert(1)</script>",
        #"<script src="https://cdn.example/x.js"></script>"#, #"<svg><foreignObject/></svg>"#,
        #"<svg><a xlink:href="javascript:alert(1)" xmlns:xlink="http://www.w3.org/1999/xlink"/></svg>"#,
    ])
    func pageAuditReportsAPlantedPayload(markup: String) {
        let page =
            #"<html xmlns="http://www.w3.org/1999/xhtml"><body><p title="javascript: is only text">"#
            + markup + "</p></body></html>"
        #expect(PageAudit.problems(in: Data(page.utf8), path: "planted.html").count == 1)
        let clean = #"<html><body><script src="static/site.js"></script></body></html>"#
        #expect(PageAudit.problems(in: Data(clean.utf8), path: "clean.html").isEmpty)
    }

    /// A configuration whose every free-text field is `payload`, as a YAML double-quoted scalar (a JSON
    /// string is one).
    static func yaml(_ payload: String, templates: URL, staticFiles: URL) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .withoutEscapingSlashes
        func quoted(_ text: String) throws -> String { String(decoding: try encoder.encode(text), as: UTF8.self) }
        return """
            site:
              title: \(try quoted(payload))
              description: \(try quoted(payload))
              templates: \(try quoted(templates.path))
              static: \(try quoted(staticFiles.path))
            target:
              group: solana
              market: kraken
              instrument: \(try quoted(payload))
              description: \(try quoted(payload))
            covariates:
              - group: bitcoin
                market: kraken
                instrument: \(try quoted(payload + " 2"))
                description: \(try quoted(payload))
            model:
              epochs: 2
              hidden: 8
              retrain_every_days: 7

            """
    }
}
