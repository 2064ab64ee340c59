import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// One request on URLSession, finished by whichever comes first: the response, an error, the deadline or
/// cancellation. The continuation is resumed exactly once; the others only cancel the task.
final class LiveExchange: @unchecked Sendable {
    private let lock = NSLock()
    private var continuation: CheckedContinuation<HTTPResponse, Error>?
    private var task: URLSessionDataTask?
    private var timeout = 0.0
    private var cancelled = false

    func start(
        _ request: URLRequest, timeout: Double, session: URLSession,
        continuation: CheckedContinuation<HTTPResponse, Error>
    ) {
        let task = session.dataTask(with: request) { [self] body, response, error in
            finish { () throws -> HTTPResponse in
                if let error {
                    throw Self.truncation(error, task: lock.withLock { self.task })
                        ?? Self.transportError(error, timeout: timeout)
                }
                guard let http = response as? HTTPURLResponse else {
                    throw IngestError(source: "http", reason: .network("not an HTTP response"))
                }
                var headers: [String: String] = [:]
                for (name, value) in http.allHeaderFields {
                    headers[String(describing: name)] = String(describing: value)
                }
                return HTTPResponse(status: http.statusCode, headers: headers, body: body ?? Data())
            }
        }
        let cancelledEarly = lock.withLock {
            self.continuation = continuation
            self.task = task
            self.timeout = timeout
            return cancelled
        }
        if cancelledEarly { return cancel() }
        Self.deadlines.asyncAfter(deadline: .now() + timeout) { [self] in
            finish { throw IngestError(source: "http", reason: .timedOut(seconds: timeout)) }
        }
        task.resume()
    }

    /// A queue of its own (overcommitting), so deadlines fire on time even while CPU-bound work occupies
    /// the global queues and the concurrency pool.
    private static let deadlines = DispatchQueue(label: "foresite.http.deadlines")

    func cancel() {
        lock.withLock { cancelled = true }
        finish { throw CancellationError() }
    }

    /// Resumes the continuation with `result` if nobody has yet, and stops the task either way.
    private func finish(_ result: () throws -> HTTPResponse) {
        let (pending, task) = lock.withLock {
            defer { continuation = nil }
            return (continuation, self.task)
        }
        guard let pending else { return }
        pending.resume(with: Result(catching: result))
        task?.cancel()
    }

    /// A failure after the response's head arrived is a body cut short, whatever code the platform gives it
    /// (swift-corelibs-foundation reports a connection closed mid-body as URL error -1, "unknown", and never
    /// sets the task's response; the announced `Content-Length` shows the head arrived). Timeouts and
    /// cancellation keep their own meaning.
    private static func truncation(_ error: Error, task: URLSessionDataTask?) -> IngestError? {
        guard let task else { return nil }
        let expected = task.countOfBytesExpectedToReceive
        guard task.response != nil || expected > 0 else { return nil }
        if let code = (error as? URLError)?.code, code == .timedOut || code == .cancelled { return nil }
        var received = task.countOfBytesReceived
        if received <= 0, expected > 0, let remaining = remainingBytes(in: error) { received = expected - remaining }
        return IngestError(
            source: "http",
            reason: .truncatedResponse(
                receivedBytes: received > 0 ? Int(received) : nil, expectedBytes: expected > 0 ? Int(expected) : nil))
    }

    /// libcurl's "transfer closed with 1269 bytes remaining to read" (what corelibs passes on): the 1269.
    private static func remainingBytes(in error: Error) -> Int64? {
        let text = (error as NSError).localizedDescription
        guard let range = text.range(of: "transfer closed with ") else { return nil }
        return Int64(text[range.upperBound...].prefix { $0.isNumber })
    }

    /// URLError's meaning without its userInfo (which holds the URL; headers are never quoted).
    private static func transportError(_ error: Error, timeout: Double) -> IngestError {
        guard let urlError = error as? URLError else {
            return IngestError(source: "http", reason: .network(String(describing: type(of: error))))
        }
        let detail: String
        switch urlError.code {
        case .timedOut: return IngestError(source: "http", reason: .timedOut(seconds: timeout))
        case .networkConnectionLost: detail = "connection closed before the response was complete"
        case .cannotConnectToHost: detail = "cannot connect to host"
        case .cannotFindHost: detail = "cannot find host"
        case .notConnectedToInternet: detail = "not connected to the internet"
        case .secureConnectionFailed: detail = "TLS handshake failed"
        case .badServerResponse: detail = "bad server response"
        case .cancelled: detail = "request cancelled"
        default: detail = "connection failed (URL error \(urlError.code.rawValue))"
        }
        return IngestError(source: "http", reason: .network(detail))
    }
}
