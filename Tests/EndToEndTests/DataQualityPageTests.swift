import ForesiteCore
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

/// Issue 7 item 7: what validation found reaches `data.html` through the real store → loader → page path:
/// each group's missing days, incomplete days and freshness, and every rejected row with its reason.
struct DataQualityPageTests {
    static let today = StoreFixtures.day("2024-12-23")

    @Test func dataPageShowsGapsIncompleteDaysFreshnessAndRejections() throws {
        let directory = try TemporaryDirectory(prefix: "foresite-data-page")
        var config = Config()
        config.site.templates = SharedData.packageRoot.appendingPathComponent("templates").path
        config.site.staticFiles = SharedData.packageRoot.appendingPathComponent("site/static").path
        config.store.path = directory.path("foresite.sqlite").path
        config.site.output = directory.path("docs").path
        let workspace = Workspace(
            root: directory.url, config: config, clock: .at(Self.today), console: .silent, environment: [:])
        let store = try workspace.openStore()

        var solana = StoreFixtures.candles(from: StoreFixtures.day("2024-11-01"), count: 53)
        solana.removeAll { ["2024-12-02", "2024-12-03"].contains($0.day.iso) }
        solana[solana.count - 1].complete = false  // today, still open
        var refused = StoreFixtures.flat(StoreFixtures.day("2024-12-02"), price: 10)
        refused.low = 11  // above open and close
        let bitcoin = StoreFixtures.candles(from: StoreFixtures.day("2024-11-01"), count: 52, price: 60_000)
        // Fear & Greed stopped five days before yesterday; one reading out of range.
        var fearGreed = StoreFixtures.fearGreed(from: StoreFixtures.day("2024-11-01"), count: 47)
        fearGreed.append(FearGreedReading(day: StoreFixtures.day("2024-12-18"), value: 140, classification: .greed))
        try store.write(command: "backfill") { writer in
            _ = try writer.upsert(solana + [refused], into: "solana")
            _ = try writer.upsert(bitcoin, into: "bitcoin")
            _ = try writer.upsert(fearGreed)
        }

        _ = try SiteBuild.run(workspace, store: store)
        let page = try String(contentsOf: workspace.outputURL.appendingPathComponent("data.html"), encoding: .utf8)

        let solanaRow = try #require(Self.cells(ofRowStarting: "<tr><td><code>solana</code></td>", in: page))
        #expect(solanaRow[2] == "51" && solanaRow[5] == "2" && solanaRow[6] == "1", "\(solanaRow)")
        let fearGreedRow = try #require(Self.cells(ofRowStarting: "<tr><td><code>fear_greed</code></td>", in: page))
        #expect(fearGreedRow[4] == "2024-12-17" && fearGreedRow[5] == "0" && fearGreedRow[6] == "0", "\(fearGreedRow)")
        let bitcoinRow = try #require(Self.cells(ofRowStarting: "<tr><td><code>bitcoin</code></td>", in: page))
        // Freshness: bitcoin is up to date through yesterday, Fear & Greed five days behind it.
        #expect(bitcoinRow[7] != fearGreedRow[7])
        #expect(fearGreedRow[7].contains("5"), "\(fearGreedRow[7])")

        #expect(
            page.contains(
                "<tr><td><code>solana</code></td><td>2024-12-02</td><td>low 11.0 is above min(open, close) 10.0</td></tr>"
            ))
        #expect(
            page.contains(
                "<tr><td><code>fear_greed</code></td><td>2024-12-18</td><td>value must be within 0...100, got 140</td></tr>"
            ))
        #expect(!page.contains("No row has been rejected"))
    }

    /// The text of each cell of the first table row that starts with `prefix`, tags inside cells removed.
    static func cells(ofRowStarting prefix: String, in page: String) -> [String]? {
        guard let start = page.range(of: prefix),
            let end = page.range(of: "</tr>", range: start.lowerBound..<page.endIndex)
        else { return nil }
        let row = page[start.lowerBound..<end.lowerBound]
        return row.components(separatedBy: "</td>").dropLast().map { cell in
            cell.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
        }
    }
}
