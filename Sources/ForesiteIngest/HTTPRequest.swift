import Foundation

/// A GET (or other) request as the sources build it; the transport turns it into bytes on the wire.
public struct HTTPRequest: Hashable, Sendable {
    public var method: String
    public var url: URL
    /// Header names as the sources spell them; the API key travels only here, never in `url`.
    public var headers: [String: String]
    /// Seconds the transport may wait for the complete response.
    public var timeout: Double

    public init(method: String = "GET", url: URL, headers: [String: String] = [:], timeout: Double = 30) {
        self.method = method
        self.url = url
        self.headers = headers
        self.timeout = timeout
    }
}
