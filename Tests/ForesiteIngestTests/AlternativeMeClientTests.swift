import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct AlternativeMeClientTests {
    @Test func backfillAsksForLimitZero() async throws {
        let body = Fixtures.fearGreedBody([("2024-12-30", 65, "Greed"), ("2024-12-31", 64, "Greed")])
        let server = try LoopbackServer(script: [.json(200, body)])
        let client = AlternativeMeClient(baseURL: server.baseURL, http: Fixtures.http())
        let readings = try await client.readings()
        #expect(server.requests.map(\.path) == ["/fng/"])
        #expect(server.requests.map { $0.query["limit"] } == ["0"])
        #expect(server.requests.first?.headers["authorization"] == nil)
        #expect(readings.map(\.value) == [65, 64])
    }

    @Test func updateAsksForTheMissingDaysOnly() async throws {
        let body = Fixtures.fearGreedBody([
            ("2024-12-21", 70, "Greed"), ("2024-12-22", 72, "Greed"), ("2024-12-23", 74, "Greed"),
        ])
        let server = try LoopbackServer(script: [.json(200, body)])
        let client = AlternativeMeClient(baseURL: server.baseURL, http: Fixtures.http())
        let readings = try await client.readings(since: Fixtures.day("2024-12-22"))
        #expect(server.requests.map { $0.query["limit"] } == ["2"])
        #expect(readings.map(\.day.iso) == ["2024-12-22", "2024-12-23"])
    }

    @Test func reportsAnHTMLErrorPageWith200() async throws {
        let server = try LoopbackServer(script: [
            .text(200, "<html><body>Service temporarily unavailable</body></html>")
        ])
        let client = AlternativeMeClient(baseURL: server.baseURL, http: Fixtures.http())
        let error = try await #require(throws: IngestError.self) { try await client.readings() }
        #expect(
            error.description
                == "alternative.me: response is not JSON: \"<html><body>Service temporarily unavailable</body></html>\" (HTTP 200)"
        )
    }

    @Test func retries503ThenSucceeds() async throws {
        let body = Fixtures.fearGreedBody([("2024-12-31", 64, "Greed")])
        let server = try LoopbackServer(script: [.text(503, "busy"), .text(502, "bad gateway"), .json(200, body)])
        let time = VirtualTime()
        let client = AlternativeMeClient(baseURL: server.baseURL, http: Fixtures.http(time: time))
        #expect(try await client.readings(limit: 1).count == 1)
        #expect(time.sleeps.count == 2)
    }
}
