import Foundation
import Hummingbird
import Logging

/// Serves the built site on loopback so it can be looked at before it is published.
///
/// Only GET and HEAD; every path goes through `StaticPathResolver`, so nothing outside the site folder
/// is ever read. Unknown paths get the site's own 404.html with status 404.
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

    /// Runs until the task is cancelled or the process receives SIGINT/SIGTERM. `onListening` receives
    /// the bound port (useful with port 0, which picks a free one).
    public func run(onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "foresite.preview")
        logger.logLevel = .warning
        let resolver = resolver
        let application = Application(
            responder: CallbackResponder { (request: Request, _: BasicRequestContext) in
                try await Self.respond(to: request, resolver: resolver)
            },
            configuration: .init(address: .hostname(host, port: port), serverName: "foresite-preview"),
            onServerRunning: { channel in await onListening(channel.localAddress?.port ?? 0) },
            logger: logger)
        try await application.runService(gracefulShutdownSignals: [.sigint, .sigterm])
    }

    static func respond(to request: Request, resolver: StaticPathResolver) async throws -> Response {
        guard request.method == .get || request.method == .head else {
            return plain(.methodNotAllowed, "method not allowed\n", extra: [.allow: "GET, HEAD"])
        }
        switch resolver.resolve(request.head.path ?? "/") {
        case .badRequest(let reason):
            return plain(.badRequest, "bad request: \(reason)\n")
        case .notFound:
            if case .file(let page) = resolver.resolve("/404.html"), let body = try? Data(contentsOf: page) {
                return file(
                    body, type: ContentTypes.forFile("404.html"), status: .notFound, head: request.method == .head)
            }
            return plain(.notFound, "not found\n")
        case .file(let url):
            guard let body = try? Data(contentsOf: url) else { return plain(.notFound, "not found\n") }
            return file(
                body, type: ContentTypes.forFile(url.lastPathComponent), status: .ok, head: request.method == .head)
        }
    }

    static func file(_ body: Data, type: String, status: HTTPResponse.Status, head: Bool) -> Response {
        var headers: HTTPFields = [.contentType: type, .contentLength: "\(body.count)", .cacheControl: "no-store"]
        headers[.init("X-Content-Type-Options")!] = "nosniff"
        return Response(
            status: status, headers: headers,
            body: head ? .init() : .init(byteBuffer: ByteBuffer(bytes: body)))
    }

    static func plain(_ status: HTTPResponse.Status, _ text: String, extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "text/plain; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }
}
