import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteIngest

/// Faults below HTTP: the URLSession transport against a loopback server that misbehaves on the wire.
@Suite struct TransportFaultTests {
    @Test func aServerThatNeverAnswersTimesOutAndIsRetried() async throws {
        let server = try LoopbackServer { _, _ in .hang }
        defer { server.stop() }
        let client = AlternativeMeClient(baseURL: server.baseURL, http: Fixtures.http(attempts: 2, timeout: 0.5))
        let error = try await #require(throws: IngestError.self) { try await client.readings() }
        #expect(error.description == "alternative.me: no response within 0.5 s after 2 attempts")
        #expect(server.requests.count == 2)
        // Each attempt hung up by its 0.5 s deadline, not by URLSession's 60 s, as the server saw it: the test's own
        // clock would also count the time a busy test run keeps this task from resuming (125 s once).
        var closed = server.hangsClosedByClient
        for _ in 0..<100 where closed.count < 2 {
            try await Task.sleep(nanoseconds: 50_000_000)
            closed = server.hangsClosedByClient
        }
        #expect(closed.count == 2)
        #expect(closed.allSatisfy { $0 > 0.2 && $0 < 30 }, "\(closed)")
    }

    @Test func aConnectionClosedMidBodyIsATruncatedResponse() async throws {
        let body = Data(Fixtures.dataAPIPage(from: Fixtures.day("2024-12-20"), count: 3).utf8)
        let server = try LoopbackServer { _, _ in .truncated(status: 200, body: body, bytes: 100) }
        defer { server.stop() }
        let client = Fixtures.cryptoCompare(server, http: Fixtures.http(attempts: 2))
        let error = try await #require(throws: IngestError.self) {
            try await client.candles(market: "kraken", instrument: "SOL-USD")
        }
        guard case .truncatedResponse = error.reason else { Issue.record("got \(error)"); return }
        #expect(error.source == "cryptocompare" && error.attempts == 2)
        #expect(error.description.hasPrefix("cryptocompare: response truncated: the connection closed"))
        #expect(error.description.contains("after 100 of \(body.count) bytes"), "\(error)")
        #expect(!error.description.contains("URL error"))
    }

    @Test func aConnectionClosedBeforeAnyResponseIsRetried() async throws {
        let server = try LoopbackServer(script: [
            .closeWithoutResponse, .json(200, Fixtures.fearGreedBody([("2024-12-31", 64, "Greed")])),
        ])
        let time = VirtualTime()
        let client = AlternativeMeClient(baseURL: server.baseURL, http: Fixtures.http(time: time))
        #expect(try await client.readings(limit: 1).count == 1)
        #expect(time.sleeps.count == 1)
    }

    @Test func aRefusedConnectionNamesTheSource() async throws {
        let server = try LoopbackServer(script: [])
        let url = server.baseURL
        server.stop()
        let client = AlternativeMeClient(baseURL: url, http: Fixtures.http(attempts: 1))
        let error = try await #require(throws: IngestError.self) { try await client.readings() }
        guard case .network = error.reason else { Issue.record("got \(error)"); return }
        #expect(error.description.hasPrefix("alternative.me: network error:"))
    }
}
