import ForesiteCore
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct RetryTests {
    let request = HTTPRequest(url: URL(string: "http://example.invalid/x")!)

    /// A transport answering from `replies` in order and counting calls.
    final class ScriptedTransport: @unchecked Sendable {
        private let lock = NSLock()
        private var replies: [Result<HTTPResponse, IngestError>]
        private(set) var calls = 0
        init(_ replies: [Result<HTTPResponse, IngestError>]) { self.replies = replies }
        var transport: HTTPTransport {
            HTTPTransport { _ in
                let next = self.lock.withLock {
                    self.calls += 1
                    return self.replies.removeFirst()
                }
                return try next.get()
            }
        }
    }

    func client(_ transport: HTTPTransport, time: VirtualTime, attempts: Int = 4, maxSeconds: Double = 60)
        -> RetryingClient
    {
        RetryingClient(
            transport: transport, policy: RetryPolicy(attempts: attempts, maxSeconds: maxSeconds, baseDelaySeconds: 1),
            sleeper: .virtual(time), jitter: .constant(0.5), clock: .at(Day(iso: "2024-12-23")!))
    }

    @Test func backoffDoublesWithinTheJitterBand() {
        let policy = RetryPolicy(attempts: 6, baseDelaySeconds: 0.5, maxDelaySeconds: 3)
        #expect(policy.backoff(afterAttempt: 1, unit: 0) == 0.25)
        #expect(policy.backoff(afterAttempt: 1, unit: 0.999_999) < 0.5)
        #expect(policy.backoff(afterAttempt: 3, unit: 0) == 1)
        #expect(policy.backoff(afterAttempt: 5, unit: 0) == 1.5)  // capped at 3, halved
    }

    @Test func seededJitterIsReproducible() {
        let a = Jitter.seeded(7)
        let b = Jitter.seeded(7)
        let first = (0..<5).map { _ in a.unit() }
        #expect(first == (0..<5).map { _ in b.unit() })
        #expect(first.allSatisfy { (0..<1).contains($0) } && Set(first).count == 5)
    }

    @Test func readsRetryAfterAsSecondsOrHTTPDate() {
        let now = Date(timeIntervalSince1970: 1_445_412_480)  // Wed, 21 Oct 2015 07:28:00 GMT
        #expect(RetryPolicy.retryAfter("120", now: now) == 120)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:28:30 GMT", now: now) == 30)
        #expect(RetryPolicy.retryAfter("Wed, 21 Oct 2015 07:27:00 GMT", now: now) == 0)
        #expect(RetryPolicy.retryAfter("soon", now: now) == nil)
        #expect(RetryPolicy.retryAfter(nil, now: now) == nil)
    }

    @Test func retriesNetworkErrorsThenSucceeds() async throws {
        let time = VirtualTime()
        let script = ScriptedTransport([
            .failure(IngestError(source: "http", reason: .network("connection refused"))),
            .failure(IngestError(source: "http", reason: .timedOut(seconds: 30))),
            .success(HTTPResponse(status: 200, text: "ok")),
        ])
        let outcome = try await client(script.transport, time: time).send(request, source: "cryptocompare")
        #expect(outcome.attempts == 3 && outcome.response.status == 200)
        #expect(time.sleeps == [0.75, 1.5])
    }

    @Test func doesNotRetryAClientError() async throws {
        let time = VirtualTime()
        let script = ScriptedTransport([.success(HTTPResponse(status: 401, text: "{}"))])
        let outcome = try await client(script.transport, time: time).send(request, source: "cryptocompare")
        #expect(outcome.attempts == 1 && outcome.response.status == 401 && time.sleeps.isEmpty)
    }

    @Test func givesUpOnNetworkErrorsWithTheSourceNamed() async throws {
        let time = VirtualTime()
        let failure = Result<HTTPResponse, IngestError>.failure(
            IngestError(source: "http", reason: .network("connection refused")))
        let script = ScriptedTransport([failure, failure])
        let error = try await #require(throws: IngestError.self) {
            try await client(script.transport, time: time, attempts: 2).send(request, source: "alternative.me")
        }
        #expect(error.description == "alternative.me: network error: connection refused after 2 attempts")
    }

    @Test func stopsWhenTheTimeBudgetIsSpent() async throws {
        let time = VirtualTime()
        let busy = Result<HTTPResponse, IngestError>.success(HTTPResponse(status: 503, text: "busy"))
        let script = ScriptedTransport(Array(repeating: busy, count: 10))
        // Waits 0.75, 1.5, 3 → 5.25 s; the next wait (6 s) would end past 10 s.
        let outcome = try await client(script.transport, time: time, attempts: 10, maxSeconds: 10)
            .send(request, source: "cryptocompare")
        #expect(outcome.attempts == 4 && outcome.response.status == 503)
        #expect(time.sleeps == [0.75, 1.5, 3])
    }

    @Test func refusesARetryAfterLongerThanTheBudget() async throws {
        let time = VirtualTime()
        let script = ScriptedTransport([.success(HTTPResponse(status: 429, headers: ["Retry-After": "3600"], text: ""))]
        )
        let error = try await #require(throws: IngestError.self) {
            try await client(script.transport, time: time).send(request, source: "cryptocompare")
        }
        #expect(error.reason == .retryAfterTooLong(seconds: 3600) && error.httpStatus == 429)
        #expect(time.sleeps.isEmpty)
    }
}
