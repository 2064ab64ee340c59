import ForesiteCore
import ForesiteIngest
import ForesiteTestSupport
import Foundation
import Testing

/// The API key may leave the process in one place only: the `Authorization` header to CryptoCompare.
///
/// The real binary runs the daily pipeline against a loopback imitation of both APIs with a canary key,
/// through good days and every kind of failure, including servers that echo the key back in their error
/// text. Then every byte the program wrote (stdout, stderr, the store and its WAL, model artifacts, docs/)
/// is searched for the canary: zero occurrences.
@Suite(.serialized)
struct SecretsCanaryTests {
    /// How the loopback APIs behave on one run of the pipeline.
    enum Weather: String, CaseIterable {
        case fair
        case keyEchoedInAPIError
        case keyEchoedInHTMLPage
        case serverErrors
        case truncatedBodies
        case connectionDropped
    }

    static let canary = "canary-\(UUID().uuidString.lowercased())"
    static let firstDay = Day(iso: "2024-03-01")!

    @Test func canaryKeyIsNeverWritten() throws {
        let binary = try #require(ForesiteBinary.built(), "foresite is built beside the tests")
        let folder = try TemporaryDirectory(prefix: "foresite-canary")
        let scenario = LockedBox((weather: Weather.fair, today: Self.firstDay))
        let server = try LoopbackServer { request, _ in
            Self.reply(to: request, weather: scenario.value.weather, today: scenario.value.today)
        }
        defer { server.stop() }
        try Self.writeConfig(into: folder.url, server: server.baseURL)

        var written: [(what: String, bytes: Data)] = []
        var day = Self.firstDay.adding(days: 120)
        // A fair day first so that there is a store, a model and a site for the failures to write beside.
        for current in [Weather.fair] + Weather.allCases.filter({ $0 != .fair }) + [.fair] {
            scenario.value = (current, day)
            // The daily job's stages as separate commands: fetch, (train once), predict, build.
            let fetch = current == .fair && written.isEmpty ? ["backfill"] : ["update"]
            let train = written.isEmpty ? [["train"]] : []
            for command in [fetch] + train + [["predict"], ["build"]] {
                let outcome = try binary.run(
                    command + ["--config", "foresite.yml", "--now", day.iso], in: folder.url,
                    environment: [APIKey.variableName: Self.canary])
                written.append(("stdout of \(command[0]) in the \(current) run", outcome.stdout))
                written.append(("stderr of \(command[0]) in the \(current) run", outcome.stderr))
                if current == .fair {
                    #expect(
                        outcome.status == 0,
                        "fair \(command[0]) failed: \(String(decoding: outcome.stderr, as: UTF8.self))")
                }
            }
            day = day.adding(days: 1)
        }

        let keyed = server.requests.filter { $0.headers["authorization"] == "Apikey \(Self.canary)" }
        #expect(!keyed.isEmpty, "the key was sent to CryptoCompare, so the canary had a way out")
        let files = try Self.regularFiles(under: folder.url)
        #expect(files.contains { $0.pathExtension == "sqlite" }, "the store was written")
        #expect(files.contains { $0.pathExtension == "html" }, "the site was written")
        for file in files { written.append((file.path, try Data(contentsOf: file))) }

        let needle = Data(Self.canary.utf8)
        for (what, bytes) in written {
            #expect(bytes.range(of: needle) == nil, "the canary key appears in \(what)")
        }
    }

    /// Answers like the two APIs in the given weather; the key, when a reply quotes it, is the one received.
    static func reply(to request: LoopbackServer.Request, weather: Weather, today: Day) -> LoopbackServer.Reply {
        let echoed = request.head
        switch weather {
        case .fair:
            break
        case .keyEchoedInAPIError:
            let key = request.headers["authorization"] ?? "none"
            return .json(
                401,
                #"{"Data":{},"Err":{"type":1,"message":"API key '\#(key)' is not valid","other_info":{}}}"#)
        case .keyEchoedInHTMLPage:
            return .text(200, "<html><body><h1>Bad gateway</h1><pre>\(echoed)</pre></body></html>")
        case .serverErrors:
            return .text(503, "<html><body>Service unavailable for \(echoed)</body></html>")
        case .truncatedBodies:
            let body = Data(#"{"Data":[{"TIMESTAMP":1,"OPEN":"\#(echoed)"#.utf8)
            return .truncated(status: 200, body: body + Data(repeating: 0x20, count: 64), bytes: body.count)
        case .connectionDropped:
            return .closeWithoutResponse
        }
        if request.path.hasPrefix("/fng") { return .json(200, fearGreedBody(request, today: today)) }
        return .json(200, candleBody(request, today: today))
    }

    /// A data-api page of demo candles ending at `to_ts` (or today, still open), at most `limit` days, ascending.
    static func candleBody(_ request: LoopbackServer.Request, today: Day) -> String {
        let end = request.query["to_ts"].flatMap(Int.init).flatMap { Day(midnightTimestamp: $0) } ?? today
        let limit = request.query["limit"].flatMap(Int.init) ?? 30
        let instrument = request.query["instrument"] == "BTC-USD" ? 1 : 0
        let candles = DemoMarket().candles(instrument: instrument, through: end)
            .filter { $0.day >= firstDay }.suffix(limit)
        let rows = candles.map { candle in
            """
            {"TIMESTAMP":\(candle.day.timestamp),"OPEN":\(candle.open),"HIGH":\(candle.high),"LOW":\(candle.low),\
            "CLOSE":\(candle.close),"VOLUME":\(candle.volume),"VOLUME_BUY":\(candle.volumeBuy),\
            "VOLUME_SELL":\(candle.volumeSell),"LAST_TRADE_TIMESTAMP":\(candle.day.timestamp + 86_399)}
            """
        }
        return #"{"Data":["# + rows.joined(separator: ",") + #"],"Err":{}}"#
    }

    /// An alternative.me answer, newest first, numbers as strings.
    static func fearGreedBody(_ request: LoopbackServer.Request, today: Day) -> String {
        let readings = DemoMarket().fearGreed(through: today).filter { $0.day >= firstDay }
        let limit = request.query["limit"].flatMap(Int.init).flatMap { $0 > 0 ? $0 : nil } ?? readings.count
        let rows = readings.reversed().prefix(limit).map { reading in
            """
            {"value":"\(reading.value)","value_classification":"\(reading.classification.label)",\
            "timestamp":"\(reading.day.timestamp)"}
            """
        }
        return #"{"name":"Fear and Greed Index","data":["# + rows.joined(separator: ",")
            + #"],"metadata":{"error":null}}"#
    }

    static func writeConfig(into folder: URL, server: URL) throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let yaml = """
            site:
              title: Canary
              output: docs
              templates: \(repository.appendingPathComponent("templates").path)
              static: \(repository.appendingPathComponent("site/static").path)
            store:
              path: data/foresite.sqlite
              models: data/models
            model:
              window: 5
              hidden: 4
              dense: 3
              epochs: 2
              ensemble: 1
            sources:
              cryptocompare_url: \(server.absoluteString)
              alternative_me_url: \(server.absoluteString)
              retry:
                attempts: 2
                max_seconds: 5
                base_delay_seconds: 0.01
                timeout_seconds: 2

            """
        try yaml.write(to: folder.appendingPathComponent("foresite.yml"), atomically: true, encoding: .utf8)
    }

    static func regularFiles(under folder: URL) throws -> [URL] {
        let enumerator = FileManager.default.enumerator(
            at: folder, includingPropertiesForKeys: [.isRegularFileKey], options: [])
        return try (enumerator?.allObjects as? [URL] ?? []).filter {
            try $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true
        }
    }
}
