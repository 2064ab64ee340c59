import ForesiteCore
import ForesitePipeline
import ForesiteTestSupport
import Foundation
import Testing

/// A `targets:` site from live sources, served by a loopback server — two CryptoCompare pairs and a river
/// level read as CSV over HTTP: every target's pages, the overview linking them, and a feed and API that
/// have every target.
@Suite(.serialized)
struct LoopbackTargetsTests {
    static let today = Day(iso: "2024-12-23")!
    static let first = today.adding(days: -500)

    /// CryptoCompare's days for any instrument (its price level from the instrument's name, so each target
    /// differs) and alternative.me's index, clipped to `to_ts` and `limit` as the APIs do.
    static func server() throws -> LoopbackServer {
        try LoopbackServer { request, _ in
            if request.path == "/river.csv" {
                // A river gauge's daily level, a series no crypto API has.
                let days = (0...today.adding(days: -1).days(since: first)).map { first.adding(days: $0) }
                let rows = days.map { day in
                    let step = Double(day.days(since: first))
                    return
                        "\(day.iso),\(String(format: "%.3f", 3 + 0.8 * sin(step / 13) + 0.01 * step.truncatingRemainder(dividingBy: 7)))"
                }
                return .text(200, (["date,level"] + rows).joined(separator: "\n") + "\n", contentType: "text/csv")
            }
            if request.path.hasPrefix("/fng") {
                return IngestionTests.fearGreedReply(request, first: first, last: today.adding(days: -1))
            }
            let level = Double((request.query["instrument"] ?? "").unicodeScalars.reduce(0) { $0 + Int($1.value) })
            let limit = Int(request.query["limit"] ?? "30") ?? 30
            let end = request.query["to_ts"].flatMap { Int($0) }.map { Day(daysSinceEpoch: $0 / 86_400) } ?? today
            let upper = min(end, today.adding(days: -1))
            let days = (0...upper.days(since: first)).map { first.adding(days: $0) }.suffix(limit)
            let items = days.map { day -> String in
                let step = Double(day.days(since: first))
                let open = level + 10 * sin(step / 9) + step / 20
                let close = level + 10 * sin((step + 1) / 9) + (step + 1) / 20
                return """
                    {"TIMESTAMP":\(day.timestamp),"OPEN":\(open),"HIGH":\(max(open, close) + 2),"LOW":\(min(open, close) - 2),\
                    "CLOSE":\(close),"VOLUME":10,"VOLUME_BUY":6,"VOLUME_SELL":4,"LAST_TRADE_TIMESTAMP":\(day.timestamp + 86_000)}
                    """
            }
            return .json(200, "{\"Data\":[\(items.joined(separator: ","))],\"Err\":{}}")
        }
    }

    @Test func twoCryptoCompareTargetsAndACSVTargetBuildTheOverviewAndEveryTargetsPages() async throws {
        let server = try Self.server()
        defer { server.stop() }
        let directory = try TemporaryDirectory()
        let yaml = """
            site:
              templates: \(SharedData.packageRoot.appendingPathComponent("templates").path)
              static: \(SharedData.packageRoot.appendingPathComponent("site/static").path)
            targets:
              - group: solana
                market: kraken
                instrument: SOL-USD
              - group: ethereum
                market: kraken
                instrument: ETH-USD
              - group: river
                url: \(server.baseURL.absoluteString)/river.csv
                columns: [level]
                inputs: [target.level, bitcoin.close]
            model:
              epochs: 2
              hidden: 4
            sources:
              cryptocompare_url: \(server.baseURL.absoluteString)
              alternative_me_url: \(server.baseURL.absoluteString)
            """
        let config = try ConfigLoader.parse(yaml, file: "foresite.yml")
        var workspace = Workspace(
            root: directory.url, config: config, clock: .at(Self.today), console: .silent,
            environment: ["CRYPTO_API_KEY": "test"])
        workspace.parallelism = Parallelism(jobs: 2)
        let report = try await TargetsRun.run(workspace, updater: DailyRun.liveUpdater)
        #expect(report.outcome == .ok)
        #expect(report.targets.allSatisfy { $0.report.prediction != nil })

        let docs = directory.path("docs")
        func text(_ path: String) throws -> String {
            try String(contentsOf: docs.appendingPathComponent(path), encoding: .utf8)
        }
        let index = try text("index.html")
        let feed = try text("feed.xml")
        let targets = try text("api/targets.json")
        for (slug, instrument) in [("solana", "SOL-USD"), ("ethereum", "ETH-USD"), ("river", "river")] {
            for page in ["index.html", "accuracy.html", "model.html", "data.html", "forecasts/index.html", "feed.xml"] {
                #expect(FileManager.default.fileExists(atPath: docs.appendingPathComponent("\(slug)/\(page)").path))
            }
            #expect(index.contains("<a href=\"\(slug)/index.html\">\(instrument)</a>"))
            #expect(feed.contains("<title>\(instrument) forecast of \(Self.today.iso)</title>"))
            #expect(targets.contains("\"slug\" : \"\(slug)\""))
            let latest = try text("api/\(slug)/latest.json")
            #expect(latest.contains("\"instrument\" : \"\(instrument)\""))
            let headline = try text("\(slug)/index.html").split(separator: "\n").first {
                $0.contains("id=\"headline\"")
            }
            #expect(headline?.contains(instrument) == true, "the target's page forecasts its own series")
        }
        // Each target's store holds its own series and the shared covariates, nothing of the other target.
        #expect(FileManager.default.fileExists(atPath: directory.path("data/solana/foresite.sqlite").path))
        #expect(FileManager.default.fileExists(atPath: directory.path("data/ethereum/foresite.sqlite").path))
        #expect(try text("api/river/latest.json").contains("\"field\" : \"level\""))
        // The CSV target's data page offers its stored days, read from its own store.
        #expect(try text("river/data.html").contains("<a href=\"downloads/river.csv\">river.csv</a>"))
        #expect(try text("river/downloads/river.csv").hasPrefix("day,level,complete\r\n"))
        #expect(!FileManager.default.fileExists(atPath: directory.path("data/foresite.sqlite").path))
    }
}
