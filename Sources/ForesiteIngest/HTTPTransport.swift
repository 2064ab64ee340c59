import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// The seam between the sources and the network: tests swap `.live` for a closure or point it at
/// `LoopbackServer`, so no test ever leaves the machine.
///
/// A transport returns every response it receives, whatever its status; deciding what a 429 or a 503 means
/// is the retry layer's job. It throws only when no complete response arrived (`IngestError` with
/// `.network`, `.truncatedResponse` or `.timedOut`, source `http`).
public struct HTTPTransport: Sendable {
    public var send: @Sendable (HTTPRequest) async throws -> HTTPResponse

    public init(send: @escaping @Sendable (HTTPRequest) async throws -> HTTPResponse) {
        self.send = send
    }

    /// URLSession with no cache and no cookies. `request.timeout` bounds the whole exchange: the transport
    /// keeps its own deadline and cancels the task, because swift-corelibs-foundation does not apply a
    /// request's `timeoutInterval` to a server that accepts the connection and then stays silent.
    public static let live = HTTPTransport(send: { request in
        var urlRequest = URLRequest(
            url: request.url, cachePolicy: .reloadIgnoringLocalAndRemoteCacheData, timeoutInterval: request.timeout)
        urlRequest.httpMethod = request.method
        for (name, value) in request.headers { urlRequest.setValue(value, forHTTPHeaderField: name) }
        let exchange = LiveExchange()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                exchange.start(urlRequest, timeout: request.timeout, session: liveSession, continuation: continuation)
            }
        } onCancel: {
            exchange.cancel()
        }
    })

    private static let liveSession: URLSession = {
        let configuration = URLSessionConfiguration.ephemeral
        configuration.urlCache = nil
        configuration.httpCookieStorage = nil
        configuration.requestCachePolicy = .reloadIgnoringLocalAndRemoteCacheData
        return URLSession(configuration: configuration)
    }()
}
