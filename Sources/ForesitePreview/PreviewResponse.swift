import Foundation

/// One response of the preview server: status, header fields and body, serialised as HTTP/1.1.
struct PreviewResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: Data
    /// False for HEAD: `Content-Length` still gives the body's size, but the body is not sent.
    var sendsBody = true

    init(status: Int, headers: [(name: String, value: String)], body: Data) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A file (or the site's 404.html) with its type; never cached, never sniffed.
    static func file(_ body: Data, type: String, status: Int = 200) -> PreviewResponse {
        PreviewResponse(
            status: status,
            headers: [("Content-Type", type), ("Cache-Control", "no-store"), ("X-Content-Type-Options", "nosniff")],
            body: body)
    }

    static func plain(_ status: Int, _ text: String, extra: [(name: String, value: String)] = []) -> PreviewResponse {
        PreviewResponse(
            status: status, headers: [("Content-Type", "text/plain; charset=utf-8")] + extra, body: Data(text.utf8))
    }

    /// Status line, the header fields, `Content-Length` and `Connection: close`, then the body.
    func serialized() -> Data {
        var lines = ["HTTP/1.1 \(status) \(Self.reasonPhrase(status))"]
        lines += headers.map { "\($0.name): \($0.value)" }
        lines += ["Content-Length: \(body.count)", "Connection: close"]
        var data = Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
        if sendsBody { data.append(body) }
        return data
    }

    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 408: "Request Timeout"
        case 431: "Request Header Fields Too Large"
        case 503: "Service Unavailable"
        default: "Status \(status)"
        }
    }
}
