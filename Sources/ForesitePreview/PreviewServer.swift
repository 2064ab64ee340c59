import Foundation

/// Serves the built site on loopback so it can be looked at before it is published.
///
/// Only GET and HEAD; every path goes through `StaticPathResolver`, so nothing outside the site folder
/// is ever read. Unknown paths get the site's own 404.html with status 404. The transport is
/// `PreviewListener` (POSIX sockets, one request per connection), so building Foresite compiles no
/// networking package.
public struct PreviewServer: Sendable {
    public let resolver: StaticPathResolver
    public let host: String
    public let port: Int

    /// `mountPath`: the site's path when published (see `StaticPathResolver`), served as well as "/".
    public init(root: URL, host: String = "127.0.0.1", port: Int = 8000, mountPath: String = "/") throws {
        resolver = try StaticPathResolver(root: root, mountPath: mountPath)
        self.host = host
        self.port = port
    }

    /// Runs until the task is cancelled (Ctrl-C ends the process itself). `onListening` receives the
    /// bound port (useful with port 0, which picks a free one).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        let resolver = resolver
        let listener = try PreviewListener(host: host, port: port) { Self.respond(to: $0, resolver: resolver) }
        await withTaskCancellationHandler {
            await onListening(listener.port)
            await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                let thread = Thread {
                    listener.acceptLoop()
                    finished.resume()
                }
                thread.name = "foresite.preview.accept"
                thread.start()
            }
        } onCancel: {
            listener.stop()
        }
    }

    /// The answer to one request; the raw, still percent-encoded target goes to the resolver.
    static func respond(to request: RequestHead, resolver: StaticPathResolver) -> PreviewResponse {
        guard request.method == "GET" || request.method == "HEAD" else {
            return .plain(405, "method not allowed\n", extra: [("Allow", "GET, HEAD")])
        }
        var response: PreviewResponse
        switch resolver.resolve(request.target) {
        case .badRequest(let reason):
            response = .plain(400, "bad request: \(reason)\n")
        case .notFound:
            if case .file(let page) = resolver.resolve("/404.html"), let body = try? Data(contentsOf: page) {
                response = .file(body, type: ContentTypes.forFile("404.html"), status: 404)
            } else {
                response = .plain(404, "not found\n")
            }
        case .file(let url):
            if let body = try? Data(contentsOf: url) {
                response = .file(body, type: ContentTypes.forFile(url.lastPathComponent))
            } else {
                response = .plain(404, "not found\n")
            }
        }
        response.sendsBody = request.method == "GET"
        return response
    }
}
