import ForesiteCore
import ForesiteIngest
import ForesitePipeline
import ForesiteStore
import ForesiteTestSupport
import Foundation
import Testing

/// Backfill, update and import through the pipeline into a real store file, with both APIs served by one
/// loopback server.
@Suite struct IngestionTests {
    static let today = Day(iso: "2024-12-23")!
    static let canary = "CANARY-ingestion-3b1f"

    /// Routes `/spot/v1/historical/days` and `/fng/` to the given bodies (status 200 unless told).
    static func server(
        candles: @escaping @Sendable (LoopbackServer.Request) -> LoopbackServer.Reply,
        fearGreed: @escaping @Sendable (LoopbackServer.Request) -> LoopbackServer.Reply
    ) throws -> LoopbackServer {
        try LoopbackServer { request, _ in
            request.path.hasPrefix("/fng") ? fearGreed(request) : candles(request)
        }
    }

    /// A data-api body with the days `first…last` (clipped to `to_ts` and `limit` as the API would).
    static func candleReply(_ request: LoopbackServer.Request, first: Day, last: Day) -> LoopbackServer.Reply {
        let limit = Int(request.query["limit"] ?? "30") ?? 30
        let end = request.query["to_ts"].flatMap { Int($0) }.map { Day(daysSinceEpoch: $0 / 86_400) } ?? last
        let upper = min(end, last)
        guard upper >= first else { return .json(200, "{\"Data\":[],\"Err\":{}}") }
        let days = (0...upper.days(since: first)).map { first.adding(days: $0) }.suffix(limit)
        let items = days.map { day -> String in
            let open = 100 + Double(day.days(since: first))
            return """
                {"TIMESTAMP":\(day.timestamp),"OPEN":\(open),"HIGH":\(open + 5),"LOW":\(open - 5),"CLOSE":\(open + 1),\
                "VOLUME":10,"VOLUME_BUY":6,"VOLUME_SELL":4,"LAST_TRADE_TIMESTAMP":\(day.timestamp + 86_000)}
                """
        }
        return .json(200, "{\"Data\":[\(items.joined(separator: ","))],\"Err\":{}}")
    }

    static func fearGreedReply(_ request: LoopbackServer.Request, first: Day, last: Day) -> LoopbackServer.Reply {
        let limit = Int(request.query["limit"] ?? "1") ?? 1
        var days = (0...last.days(since: first)).map { last.adding(days: -$0) }
        if limit > 0 { days = Array(days.prefix(limit)) }
        let items = days.map { day in
            let value = 20 + day.daysSinceEpoch % 60
            return "{\"value\":\"\(value)\",\"value_classification\":\"\(FearGreedClass(value: value).label)\","
                + "\"timestamp\":\"\(day.timestamp)\"}"
        }
        return .json(
            200,
            "{\"name\":\"Fear and Greed Index\",\"data\":[\(items.joined(separator: ","))],\"metadata\":{\"error\":null}}"
        )
    }

    struct Fixture {
        let directory: TemporaryDirectory
        let lines = LineCollector()

        init() throws { directory = try TemporaryDirectory() }

        func workspace(server: LoopbackServer? = nil, today: Day = IngestionTests.today) -> Workspace {
            var config = Config()
            config.store.path = directory.path("foresite.sqlite").path
            if let server {
                config.sources.cryptocompareURL = server.baseURL.absoluteString
                config.sources.alternativeMeURL = server.baseURL.absoluteString
            }
            config.sources.retry.attempts = 2
            return Workspace(
                root: directory.url, config: config, clock: .at(today), console: .capturing(into: lines),
                environment: ["CRYPTO_API_KEY": IngestionTests.canary])
        }

        func sources(_ workspace: Workspace) throws -> DataSources {
            try .live(workspace, sleeper: .virtual(VirtualTime()), jitter: .constant(0))
        }
    }

    @Test func backfillThenUpdateIsIdempotent() async throws {
        let fixture = try Fixture()
        let first = Day(iso: "2024-10-01")!
        let server = try Self.server(
            candles: { Self.candleReply($0, first: first, last: Self.today) },
            fearGreed: { Self.fearGreedReply($0, first: first, last: Self.today) })
        let workspace = fixture.workspace(server: server)
        let store = try workspace.openStore()

        let backfill = try await Ingestion.run(
            .backfill, workspace, store: store, sources: try fixture.sources(workspace))
        #expect(backfill.failures.isEmpty)
        #expect(backfill.summaries.map(\.inserted) == [84, 84, 84])
        #expect(try store.candles(group: "solana").filter { !$0.complete }.map(\.day) == [Self.today])
        let afterBackfill = try store.contentHash()
        let again = try await Ingestion.run(.backfill, workspace, store: store, sources: try fixture.sources(workspace))
        #expect(again.summaries.map(\.changedRows) == [0, 0, 0])
        #expect(try store.contentHash() == afterBackfill)

        let requestsBefore = server.requests.count
        let update = try await Ingestion.run(.update, workspace, store: store, sources: try fixture.sources(workspace))
        let updateRequests = server.requests.dropFirst(requestsBefore)
        // Candles from the last complete day (12-22) through today: 2 days, one request per group, no paging;
        // Fear & Greed publishes today's reading, so it asks for today only.
        #expect(updateRequests.map { $0.query["limit"] } == ["2", "2", "1"])
        #expect(updateRequests.allSatisfy { $0.query["to_ts"] == nil })
        #expect(update.summaries.map(\.changedRows) == [0, 0, 0])
        #expect(try store.contentHash() == afterBackfill)
        #expect(fixture.lines.lines.allSatisfy { !$0.contains(Self.canary) })
    }

    @Test func theNextDaysUpdateCompletesYesterdayAndAddsToday() async throws {
        let fixture = try Fixture()
        let first = Day(iso: "2024-12-01")!
        let tomorrow = Self.today.adding(days: 1)
        let server = try Self.server(
            candles: { Self.candleReply($0, first: first, last: tomorrow) },
            fearGreed: { Self.fearGreedReply($0, first: first, last: tomorrow) })
        let store = try fixture.workspace(server: server).openStore()
        let yesterday = fixture.workspace(server: server)
        _ = try await Ingestion.run(.backfill, yesterday, store: store, sources: try fixture.sources(yesterday))
        let next = fixture.workspace(server: server, today: tomorrow)
        let nextStore = try next.openStore()
        let update = try await Ingestion.run(.update, next, store: nextStore, sources: try fixture.sources(next))
        #expect(update.summaries.first?.inserted == 1 && update.summaries.first?.updated == 1)
        #expect(try nextStore.candles(group: "bitcoin").filter { !$0.complete }.map(\.day) == [tomorrow])
    }

    @Test func aFailingSourceKeepsItsGroupsAndTheOthersAreStored() async throws {
        let fixture = try Fixture()
        let first = Day(iso: "2024-12-01")!
        let server = try Self.server(
            candles: { _ in .text(503, "<html>Service Unavailable</html>") },
            fearGreed: { Self.fearGreedReply($0, first: first, last: Self.today) })
        let workspace = fixture.workspace(server: server)
        let store = try workspace.openStore()
        let update = try await Ingestion.run(.update, workspace, store: store, sources: try fixture.sources(workspace))
        #expect(update.failures.map(\.source) == ["cryptocompare", "cryptocompare"])
        #expect(
            update.failures.first?.message
                == "response is not JSON: \"<html>Service Unavailable</html>\" (HTTP 503) after 2 attempts; solana is still empty"
        )
        #expect(update.summaries.map(\.group) == ["fear_greed"])
        #expect(try store.candles(group: "solana").isEmpty)
        #expect(try store.fearGreed().count == 23)
        #expect(try store.recentRuns(limit: 1).first?.message.contains("solana is still empty") == true)
    }

    @Test func whenEverySourceFailsTheStoreIsUnchanged() async throws {
        let fixture = try Fixture()
        let first = Day(iso: "2024-12-01")!
        let healthy = try Self.server(
            candles: { Self.candleReply($0, first: first, last: Self.today) },
            fearGreed: { Self.fearGreedReply($0, first: first, last: Self.today) })
        let workspace = fixture.workspace(server: healthy)
        let store = try workspace.openStore()
        _ = try await Ingestion.run(.backfill, workspace, store: store, sources: try fixture.sources(workspace))
        let before = try store.contentHash()

        let broken = try LoopbackServer { _, _ in .json(200, "{\"Data\":[{\"TIMESTAMP\":\"soon\"}],\"Err\":{}") }
        let failing = fixture.workspace(server: broken)
        let error = await #expect(throws: PipelineError.self) {
            try await Ingestion.run(.update, failing, store: store, sources: try fixture.sources(failing))
        }
        // Each failure arrives as parts — source, group, problem, the day kept — not as a joined line.
        guard case .allSourcesFailed(let failures) = error else {
            Issue.record("got \(String(describing: error))"); return
        }
        #expect(failures.map(\.source) == ["cryptocompare", "cryptocompare", "alternative.me"])
        #expect(failures.map(\.group) == ["solana", "bitcoin", "fear_greed"])
        for failure in failures {
            #expect(failure.keptThrough == (try store.lastCompleteDay(group: failure.group!)))
            #expect(
                failure.line
                    == "\(failure.source): \(failure.problem); \(failure.group!) kept its rows through \(failure.keptThrough!)"
            )
        }
        #expect(try store.contentHash() == before)
        #expect(try store.recentRuns(limit: 1).first?.outcome == .failed)
    }

    @Test func anErrorAfterSomeFetchesWritesNothing() async throws {
        let fixture = try Fixture()
        let workspace = fixture.workspace()
        let store = try workspace.openStore()
        let before = try store.contentHash()
        var interrupted = DataSources.demo(config: workspace.config, clock: workspace.clock)
        interrupted.byGroup["bitcoin"] = CancelledSource()
        await #expect(throws: CancellationError.self) {
            try await Ingestion.run(.backfill, workspace, store: store, sources: interrupted)
        }
        #expect(try store.contentHash() == before)
    }

    @Test func theDemoMarketFillsTheStoreDayByDay() async throws {
        let fixture = try Fixture()
        let workspace = fixture.workspace()
        let store = try workspace.openStore()
        let backfill = try await Ingestion.run(
            .backfill, workspace, store: store, sources: .demo(config: workspace.config, clock: workspace.clock))
        let days = Self.today.days(since: DemoMarket.epoch)
        #expect(backfill.summaries.map(\.inserted) == [days, days, days])
        let next = fixture.workspace(today: Self.today.adding(days: 1))
        let update = try await Ingestion.run(
            .update, next, store: try next.openStore(), sources: .demo(config: next.config, clock: next.clock))
        #expect(update.summaries.map(\.inserted) == [1, 1, 1])
        #expect(update.summaries.map(\.unchanged) == [1, 1, 1])
    }

    @Test func importRejectsAFileForTheWrongGroup() throws {
        let fixture = try Fixture()
        let workspace = fixture.workspace()
        let file = fixture.directory.path("fng.json")
        try
            #"{"name":"x","data":[{"value":"50","value_classification":"Neutral","timestamp":"1734912000"}],"metadata":{"error":null}}"#
            .write(to: file, atomically: true, encoding: .utf8)
        let store = try workspace.openStore()
        #expect(
            throws: PipelineError.wrongKindOfFile(file: "fng.json", holds: "Fear & Greed readings", group: "solana")
        ) {
            try Ingestion.importFile(file, group: "solana", workspace: workspace, store: store)
        }
        #expect(try Ingestion.importFile(file, group: "fear_greed", workspace: workspace, store: store).inserted == 1)
    }

    @Test(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
    func importsTheRealFilesIdempotently() throws {
        let fixture = try Fixture()
        let workspace = fixture.workspace(today: Day(iso: "2025-01-01")!)
        let store = try workspace.openStore()
        let files = [
            ("sol-usd-kraken-daily-cryptocompare.csv", "solana"), ("btc-usd-kraken-daily-cryptocompare.csv", "bitcoin"),
            ("fear-greed-alternative-me-fng-limit0.RECONSTRUCTED.json", "fear_greed"),
        ]
        for (name, group) in files {
            _ = try Ingestion.importFile(SharedData.url(name), group: group, workspace: workspace, store: store)
        }
        let hash = try store.contentHash()
        for (name, group) in files {
            let summary = try Ingestion.importFile(
                SharedData.url(name), group: group, workspace: workspace, store: store)
            #expect(summary.changedRows == 0 && summary.rejected.isEmpty)
        }
        #expect(try store.contentHash() == hash)
        let summaries = try store.summaries(today: workspace.today)
        let solana = try #require(summaries.first { $0.group.name == "solana" })
        #expect(solana.rows == 1286 && solana.firstDay?.iso == "2021-06-17" && solana.lastDay?.iso == "2024-12-23")
        #expect(solana.incompleteDays.map(\.iso) == ["2024-12-23"] && solana.missingDays.isEmpty)
        let bitcoin = try #require(summaries.first { $0.group.name == "bitcoin" })
        #expect(bitcoin.rows == 1300 && bitcoin.firstDay?.iso == "2021-06-03")
        let fearGreed = try #require(summaries.first { $0.group.name == "fear_greed" })
        #expect(
            fearGreed.rows == 2522
                && fearGreed.missingDays.map(\.iso) == ["2018-04-14", "2018-04-15", "2018-04-16", "2024-10-26"])
    }
}

/// A source whose fetch is cancelled: an error that is not a source failure, so the run stops.
private struct CancelledSource: DailySource {
    var name: String { "cancelled" }
    func rows(since: Day?) async throws -> SourceRows { throw CancellationError() }
}
