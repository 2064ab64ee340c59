import ForesiteCore
import Foundation
import Logging

/// Sends one logical request through a transport, retrying per `RetryPolicy`, and returns the last
/// response together with how many attempts it took.
///
/// A response with a retryable status that is still failing when the budget runs out is *returned*, not
/// thrown, so the source client can turn the body (CryptoCompare's `Err` envelope) into an error carrying the
/// API's own message. Transport failures that persist are thrown as `IngestError` naming `source`.
/// Only the request's method and URL are ever logged: headers carry the API key.
public struct RetryingClient: Sendable {
    public var transport: HTTPTransport
    public var policy: RetryPolicy
    public var sleeper: Sleeper
    public var jitter: Jitter
    /// Wall clock, for `Retry-After` given as an HTTP date.
    public var clock: Clock
    public var logger: Logger

    public init(
        transport: HTTPTransport = .live, policy: RetryPolicy = RetryPolicy(), sleeper: Sleeper = .live,
        jitter: Jitter = .live, clock: Clock = .live, logger: Logger = Logger(label: "foresite.ingest")
    ) {
        self.transport = transport
        self.policy = policy
        self.sleeper = sleeper
        self.jitter = jitter
        self.clock = clock
        self.logger = logger
    }

    public struct Outcome: Sendable {
        public var response: HTTPResponse
        public var attempts: Int
    }

    public func send(_ request: HTTPRequest, source: String) async throws -> Outcome {
        var request = request
        request.timeout = policy.timeoutSeconds
        let started = sleeper.uptime()
        var attempt = 0
        while true {
            attempt += 1
            logger.debug("\(request.method) \(request.url.absoluteString)", metadata: ["source": "\(source)"])
            let failure: String
            let wait: Double
            switch try await attemptOnce(request) {
            case .success(let response):
                guard RetryPolicy.isRetryable(status: response.status) else {
                    return Outcome(response: response, attempts: attempt)
                }
                let requested = RetryPolicy.retryAfter(response.header("Retry-After"), now: clock.now())
                if attempt >= policy.attempts { return Outcome(response: response, attempts: attempt) }
                wait = requested ?? policy.backoff(afterAttempt: attempt, unit: jitter.unit())
                if wait > policy.maxSeconds - (sleeper.uptime() - started) {
                    guard let requested else { return Outcome(response: response, attempts: attempt) }
                    throw IngestError(
                        source: source, reason: .retryAfterTooLong(seconds: requested), httpStatus: response.status,
                        attempts: attempt)
                }
                failure = "HTTP \(response.status)"
            case .failure(let error):
                wait = policy.backoff(afterAttempt: attempt, unit: jitter.unit())
                if attempt >= policy.attempts || wait > policy.maxSeconds - (sleeper.uptime() - started) {
                    throw IngestError(source: source, reason: error.reason, attempts: attempt)
                }
                failure = error.reasonText
            }
            logger.warning(
                "\(source): \(failure); retrying in \(String(format: "%.2f", wait)) s (attempt \(attempt + 1) of \(policy.attempts))"
            )
            try await sleeper.sleep(wait)
        }
    }

    /// One request; transport failures become a value so the loop above can decide whether to retry.
    /// Cancellation is not a transport failure and propagates.
    private func attemptOnce(_ request: HTTPRequest) async throws -> Result<HTTPResponse, IngestError> {
        do {
            return .success(try await transport.send(request))
        } catch let error as IngestError {
            return .failure(error)
        } catch let error as CancellationError {
            throw error
        } catch {
            return .failure(IngestError(source: "http", reason: .network(String(describing: error))))
        }
    }
}
