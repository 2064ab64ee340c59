import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteIngest

/// The data-api client against `LoopbackServer`, through the real URLSession transport.
@Suite struct CryptoCompareClientTests {
    let today = Fixtures.day("2024-12-23")

    @Test func pagesBackwardsWithToTSUntilAShortPage() async throws {
        // 5 days per page: 12-19…23, then 12-15…19 (the boundary day repeats), then 3 days: short, stop.
        let server = try LoopbackServer(script: [
            .json(200, Fixtures.dataAPIPage(from: today.adding(days: -4), count: 5)),
            .json(200, Fixtures.dataAPIPage(from: today.adding(days: -8), count: 5)),
            .json(200, Fixtures.dataAPIPage(from: today.adding(days: -10), count: 3)),
        ])
        var client = Fixtures.cryptoCompare(server)
        client.pageSize = 5
        let candles = try await client.candles(market: "kraken", instrument: "SOL-USD")
        let requests = server.requests
        #expect(requests.count == 3)
        #expect(requests.map(\.path) == Array(repeating: "/spot/v1/historical/days", count: 3))
        #expect(
            requests.map { $0.query["to_ts"] } == [
                nil, "\(today.adding(days: -4).timestamp)", "\(today.adding(days: -8).timestamp)",
            ])
        #expect(
            requests.allSatisfy {
                $0.query["market"] == "kraken" && $0.query["instrument"] == "SOL-USD" && $0.query["limit"] == "5"
            })
        #expect(candles.map(\.day) == (0...10).map { today.adding(days: $0 - 10) })
        #expect(candles.map(\.complete) == Array(repeating: true, count: 10) + [false])
    }

    @Test func updateAsksOnlyForTheDaysSinceTheLastCompleteDay() async throws {
        let server = try LoopbackServer(script: [
            .json(200, Fixtures.dataAPIPage(from: today.adding(days: -3), count: 4))
        ])
        let client = Fixtures.cryptoCompare(server)
        let candles = try await client.candles(market: "kraken", instrument: "BTC-USD", since: today.adding(days: -2))
        #expect(server.requests.map { $0.query["limit"] } == ["3"])
        #expect(server.requests.first?.query["to_ts"] == nil)
        #expect(candles.map(\.day) == [today.adding(days: -2), today.adding(days: -1), today])
        #expect(candles.last?.complete == false)
    }

    @Test func sendsTheKeyOnlyInTheAuthorizationHeader() async throws {
        let server = try LoopbackServer(script: [.json(200, Fixtures.dataAPIPage(from: today, count: 1))])
        _ = try await Fixtures.cryptoCompare(server, key: "abc123").candles(market: "kraken", instrument: "SOL-USD")
        let request = try #require(server.requests.first)
        #expect(request.headers["authorization"] == "Apikey abc123")
        #expect(!request.path.contains("abc123") && !request.query.values.contains { $0.contains("abc123") })
    }

    @Test(arguments: [400, 401, 429])
    func reportsTheErrEnvelopeWithItsStatus(status: Int) async throws {
        let message = "Rejected request \(status)."
        // 429 is retried: serve the same envelope every time (no Retry-After: backoff).
        let server = try LoopbackServer { _, _ in .json(status, Fixtures.dataAPIError(type: 1, message: message)) }
        let error = try await #require(throws: IngestError.self) {
            try await Fixtures.cryptoCompare(server).candles(market: "kraken", instrument: "SOL-USD")
        }
        #expect(error.reason == .api(message: message) && error.httpStatus == status)
        #expect(server.requests.count == (status == 429 ? 3 : 1))
        #expect(error.description.hasPrefix("cryptocompare: \(message) (HTTP \(status))"))
    }

    @Test func honoursRetryAfterOn429ThenSucceeds() async throws {
        let limited = Fixtures.dataAPIError(
            type: 99, message: "You are over your rate limit please upgrade your account!")
        let server = try LoopbackServer(script: [
            .json(429, limited, headers: ["Retry-After": "7"]),
            .json(200, Fixtures.dataAPIPage(from: today, count: 1)),
        ])
        let time = VirtualTime()
        let client = Fixtures.cryptoCompare(server, http: Fixtures.http(time: time))
        let candles = try await client.candles(market: "kraken", instrument: "SOL-USD", since: today)
        #expect(candles.count == 1)
        #expect(time.sleeps == [7])
        #expect(server.requests.count == 2)
    }

    @Test func givesUpAfterThree500sWithAClearError() async throws {
        let server = try LoopbackServer { _, _ in .text(500, "Internal Server Error", contentType: "text/plain") }
        let time = VirtualTime()
        let error = try await #require(throws: IngestError.self) {
            try await Fixtures.cryptoCompare(server, http: Fixtures.http(time: time, attempts: 3))
                .candles(market: "kraken", instrument: "SOL-USD")
        }
        #expect(server.requests.count == 3)
        #expect(time.sleeps.count == 2 && time.sleeps[1] > time.sleeps[0])
        #expect(
            error.description
                == "cryptocompare: response is not JSON: \"Internal Server Error\" (HTTP 500) after 3 attempts")
    }

    @Test func reportsMalformedJSON() async throws {
        let server = try LoopbackServer(script: [.json(200, "{\"Data\":[{\"TIMESTAMP\":1734912000 \"OPEN\":1}]}")])
        let error = try await #require(throws: IngestError.self) {
            try await Fixtures.cryptoCompare(server).candles(market: "kraken", instrument: "SOL-USD")
        }
        guard case .malformedJSON = error.reason else { Issue.record("got \(error)"); return }
        #expect(error.httpStatus == 200)
    }

    @Test func reportsABodyTruncatedInsideValidFraming() async throws {
        let body = Fixtures.dataAPIPage(from: today, count: 2)
        let server = try LoopbackServer(script: [.json(200, String(body.prefix(body.count / 2)))])
        let error = try await #require(throws: IngestError.self) {
            try await Fixtures.cryptoCompare(server).candles(market: "kraken", instrument: "SOL-USD")
        }
        #expect(error.description.hasPrefix("cryptocompare: malformed JSON: the body breaks off after"))
    }

    @Test func parsesNumbersSentAsStrings() async throws {
        let server = try LoopbackServer(script: [
            .json(200, Fixtures.dataAPIPage(from: today.adding(days: -1), count: 2, numbersAsStrings: true))
        ])
        let candles = try await Fixtures.cryptoCompare(server).candles(
            market: "kraken", instrument: "SOL-USD", since: today.adding(days: -1))
        #expect(candles.map(\.open) == [121, 122])
    }

    @Test func reportsADuplicateDayWithDifferentValues() async throws {
        let items = [Fixtures.dataAPIItem(today, open: 1), Fixtures.dataAPIItem(today, open: 2)]
        let server = try LoopbackServer(script: [.json(200, Fixtures.dataAPIEnvelope(items))])
        let error = try await #require(throws: IngestError.self) {
            try await Fixtures.cryptoCompare(server).candles(market: "kraken", instrument: "SOL-USD", since: today)
        }
        #expect(error.description == "cryptocompare: day 2024-12-23 appears twice with different values (HTTP 200)")
    }

    @Test func keepsAGapForTheStoreToReport() async throws {
        let items = [Fixtures.dataAPIItem(today.adding(days: -3), open: 1), Fixtures.dataAPIItem(today, open: 2)]
        let server = try LoopbackServer(script: [.json(200, Fixtures.dataAPIEnvelope(items))])
        let candles = try await Fixtures.cryptoCompare(server).candles(
            market: "kraken", instrument: "SOL-USD", since: today.adding(days: -3))
        #expect(candles.map(\.day) == [today.adding(days: -3), today])
    }

    @Test func flagsTodaysPartialDayIncomplete() async throws {
        let items = [
            Fixtures.dataAPIItem(today.adding(days: -1), open: 1),
            Fixtures.dataAPIItem(today, open: 2, lastTrade: today.timestamp + 42_000),
        ]
        let server = try LoopbackServer(script: [.json(200, Fixtures.dataAPIEnvelope(items))])
        let candles = try await Fixtures.cryptoCompare(server).candles(
            market: "kraken", instrument: "SOL-USD", since: today.adding(days: -1))
        #expect(candles.map(\.complete) == [true, false])
    }
}
