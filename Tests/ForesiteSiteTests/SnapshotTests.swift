import ForesiteCore
import ForesiteSite
import ForesiteTestSupport
import Foundation
import Testing

/// Every page, feed and API document of the fixture site against the files in `__Snapshots__/`.
/// Re-record with `RECORD_SNAPSHOTS=1 swift test --filter ForesiteSiteTests`.
@Suite("Rendered site snapshots")
struct SnapshotTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("__Snapshots__", isDirectory: true)
    static let recording = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"

    static let snapshotted = [
        "index.html", "accuracy.html", "accuracy-30.html", "model.html", "models/lstm.html",
        "models/persistence.html", "forecasts/index.html", "forecasts/2024-12-27.html", "data.html", "404.html",
        "feed.xml", "sitemap.xml", "robots.txt", "api/latest.json", "api/leaderboard.json", "downloads/ledger.csv",
        "hub/model-metadata/foresite-quantile_ar.yml",
        "hub/model-output/foresite-quantile_ar/2024-12-27-foresite-quantile_ar.csv",
    ]

    /// Files too long to keep whole (a year of ledger rows): the snapshot holds their first lines, then
    /// their line count and the SHA-256 of the whole file, so any change still shows. PublishedFilesTests
    /// checks every ledger line's hash chain.
    static let headOnly = ["downloads/ledger.csv": 25]

    @Test(arguments: snapshotted)
    func matchesSnapshot(path: String) throws {
        let files = try SiteFixture.builder().render(SiteFixture.content())
        var rendered = try #require(files.text(path), "\(path) was not rendered")
        if let head = Self.headOnly[path] {
            let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            rendered =
                lines.prefix(head).joined(separator: "\n")
                + "\n… \(lines.count) lines in all, SHA-256 \(SHA256.hex(rendered))\n"
        }
        let snapshot = Self.directory.appendingPathComponent(path.replacingOccurrences(of: "/", with: "__"))
        if Self.recording {
            try FileManager.default.createDirectory(at: Self.directory, withIntermediateDirectories: true)
            try rendered.write(to: snapshot, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: snapshot, encoding: .utf8)
        if rendered != expected {
            let renderedLines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
            let expectedLines = expected.split(separator: "\n", omittingEmptySubsequences: false)
            let first = zip(renderedLines, expectedLines).enumerated().first { $0.element.0 != $0.element.1 }
            Issue.record(
                """
                \(path) differs from its snapshot at line \((first?.offset ?? min(renderedLines.count, expectedLines.count)) + 1)
                rendered: \(first.map { String($0.element.0.prefix(300)) } ?? "(\(renderedLines.count) lines)")
                expected: \(first.map { String($0.element.1.prefix(300)) } ?? "(\(expectedLines.count) lines)")
                re-record with RECORD_SNAPSHOTS=1 if the change is intended
                """)
        }
    }

    @Test func theSiteHasEveryPageAndDownload() throws {
        let files = try SiteFixture.builder().render(SiteFixture.content())
        for path in Self.snapshotted + [
            ".nojekyll", "api/forecasts.json", "downloads/solana.csv", "downloads/bitcoin.csv",
            "downloads/fear_greed.csv", "static/site.css", "static/favicon.svg", "static/crosshair.js",
        ] {
            #expect(files.contains(path), "\(path) missing")
        }
    }

    @Test func twoBuildsGiveIdenticalBytesOnDisk() throws {
        let folder = try TemporaryDirectory()
        let builder = try SiteFixture.builder()
        let first = folder.path("first")
        let second = folder.path("second")
        try builder.build(SiteFixture.content(), into: first)
        try builder.build(SiteFixture.content(), into: second)
        let firstFiles = try Self.readTree(first)
        let secondFiles = try Self.readTree(second)
        #expect(firstFiles.keys.sorted() == secondFiles.keys.sorted())
        for (path, bytes) in firstFiles { #expect(secondFiles[path] == bytes, "\(path) differs between builds") }
    }

    @Test func forecastsJSONParsesAndCarriesTheWholeLedger() throws {
        var content = SiteFixture.content()
        content.ledger[0].modelVersion = "v\"1\\\n\u{1}"
        let files = try SiteFixture.builder().render(content)
        let data = Data(try #require(files["api/forecasts.json"]))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let forecasts = try #require(json["forecasts"] as? [[String: Any]])
        #expect(forecasts.count == content.ledger.count)
        #expect(forecasts.contains { $0["model_version"] as? String == "v\"1\\\n\u{1}" })
        let first = try #require(forecasts.first)
        let entry = try #require(content.ledger.min { ($0.madeOn, $0.horizon) < ($1.madeOn, $1.horizon) })
        #expect(first["made_on"] as? String == entry.madeOn.iso)
        #expect(abs((first["median"] as? Double ?? 0) - entry.median) < 1e-9 * entry.median)
        let quantiles = try #require(first["quantiles"] as? [String: Double])
        #expect(quantiles.count == 7)
    }

    @Test func indexStaysWithinItsBudgetWithFiveYearsOfHistory() throws {
        let files = try SiteFixture.builder().render(.synthetic(days: 1826, forecastDays: 365))
        let size = try #require(files["index.html"]).count
        #expect(size <= 200 * 1024, "index.html is \(size) bytes")
    }

    @Test func demoAndStaleBannersAppearOnEveryPage() throws {
        var content = SiteFixture.content()
        content.staleNotice = .init(dataAsOf: content.asOf, failedSources: ["alternative.me"])
        let files = try SiteFixture.builder().render(content)
        for page in [
            "index.html", "accuracy.html", "accuracy-90.html", "model.html", "models/garch.html",
            "forecasts/index.html", "forecasts/2025-01-05.html", "data.html", "404.html",
        ] {
            let html = try #require(files.text(page))
            #expect(html.contains("Demo data — synthetic series"), "\(page) lacks the demo banner")
            #expect(
                html.contains("Data as of 2025-01-05 — source alternative.me failed"), "\(page) lacks the stale banner")
        }
    }

    @Test func emptyContentSaysNotYetAvailable() throws {
        let files = try SiteFixture.builder().render(SiteFixture.emptyContent())
        let index = try #require(files.text("index.html"))
        #expect(index.contains("No forecast is available yet"))
        #expect(!index.contains("Demo data"))
        #expect(try #require(files.text("accuracy.html")).contains("not yet available"))
        #expect(try #require(files.text("model.html")).contains("not yet available"))
    }

    static func readTree(_ root: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(atPath: root.path)!
        for case let path as String in enumerator {
            var isDirectory: ObjCBool = false
            let url = root.appendingPathComponent(path)
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), !isDirectory.boolValue {
                files[path] = try Data(contentsOf: url)
            }
        }
        return files
    }
}
