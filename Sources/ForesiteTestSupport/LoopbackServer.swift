import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A scripted HTTP/1.1 server on 127.0.0.1 (ephemeral port) for tests of anything that talks to the sources:
/// it answers each request with the next scripted `Reply` (or a handler's choice) and records what it got.
///
/// Plain POSIX sockets and one thread per connection, so it needs no dependency and a reply that hangs
/// never blocks the others. Every response carries `Connection: close`. `stop()` (also run on deinit)
/// closes the listener and wakes every hanging reply.
public final class LoopbackServer: @unchecked Sendable {
    /// What to do with one request.
    public enum Reply: Sendable {
        /// A complete response; `Content-Length` is added.
        case respond(status: Int, headers: [String: String] = [:], body: Data)
        /// Reads the request, then sends nothing until the server stops (for timeouts and cancellation).
        case hang
        /// Announces `Content-Length` of the whole body, sends only its first `bytes` bytes, then closes.
        case truncated(status: Int, headers: [String: String] = [:], body: Data, bytes: Int)
        /// Closes the connection right after reading the request, before any byte of a response.
        case closeWithoutResponse

        /// A JSON (or any UTF-8) body with `Content-Type: application/json`.
        public static func json(_ status: Int, _ text: String, headers: [String: String] = [:]) -> Reply {
            .respond(
                status: status, headers: headers.merging(["Content-Type": "application/json"]) { own, _ in own },
                body: Data(text.utf8))
        }

        public static func text(_ status: Int, _ text: String, contentType: String = "text/html") -> Reply {
            .respond(status: status, headers: ["Content-Type": contentType], body: Data(text.utf8))
        }
    }

    /// A request as received, with header names lower-cased.
    public struct Request: Sendable, Hashable {
        public var method: String
        public var path: String
        /// Decoded query parameters (last one wins for repeated names).
        public var query: [String: String]
        public var headers: [String: String]
        public var body: Data
        /// The raw request head (request line and headers) exactly as received.
        public var head: String
    }

    public let port: UInt16
    /// `http://127.0.0.1:PORT`
    public var baseURL: URL { URL(string: "http://127.0.0.1:\(port)")! }

    private let listener: Int32
    private let handler: @Sendable (Request, Int) -> Reply
    private let state = NSCondition()
    private var received: [Request] = []
    private var connections: Set<Int32> = []
    private var stopped = false
    private var closedHangs: [Double] = []

    /// Replies chosen by `handler(request, index)`; `index` counts requests from 0.
    public init(handler: @escaping @Sendable (Request, Int) -> Reply) throws {
        self.handler = handler
        (listener, port) = try Self.listen()
        let thread = Thread { [self] in acceptLoop() }
        thread.name = "LoopbackServer.accept"
        thread.start()
    }

    /// Replies in the given order; a request beyond the script gets a 599 whose body says so.
    public convenience init(script: [Reply]) throws {
        try self.init { _, index in
            index < script.count
                ? script[index] : .text(599, "LoopbackServer: no reply scripted for request \(index + 1)")
        }
    }

    deinit { stop() }

    /// For each `.hang` reply whose client closed the connection: the seconds from the request's arrival to
    /// the close, in the order the closes came (measured on the server's own threads, so a client's deadline
    /// shows here even when the test's tasks are slow to resume).
    public var hangsClosedByClient: [Double] { state.withLock { closedHangs } }

    /// Every request received so far, in arrival order.
    public var requests: [Request] { state.withLock { received } }

    public func stop() {
        state.withLock {
            guard !stopped else { return }
            stopped = true
            state.broadcast()
            // Shut down, never close, sockets other threads own: a closed descriptor number can be reused at
            // once by another server in the same process, and a stale thread would then serve its requests.
            _ = shutdown(listener, Int32(SHUT_RDWR))
            for socket in connections { _ = shutdown(socket, Int32(SHUT_RDWR)) }
        }
    }

    /// Owns the listening socket: closes it on the way out, after `stop()` has shut it down.
    private func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                if errno == EINTR && !state.withLock({ stopped }) { continue }
                return
            }
            let accepted: Bool = state.withLock {
                guard !stopped else { return false }
                connections.insert(client)
                return true
            }
            guard accepted else {
                close(client)
                return
            }
            let thread = Thread { [self] in serve(client) }
            thread.name = "LoopbackServer.connection"
            thread.start()
        }
    }

    private func serve(_ socket: Int32) {
        defer {
            state.withLock {
                connections.remove(socket)
                close(socket)
            }
        }
        Self.disableSigPipe(socket)
        guard let request = HTTPRequestReader.read(from: socket) else { return }
        let index: Int = state.withLock {
            received.append(request)
            return received.count - 1
        }
        switch handler(request, index) {
        case .respond(let status, let headers, let body):
            Self.write(Self.head(status: status, headers: headers, length: body.count) + body, to: socket)
        case .truncated(let status, let headers, let body, let bytes):
            Self.write(Self.head(status: status, headers: headers, length: body.count) + body.prefix(bytes), to: socket)
        case .hang:
            hang(socket)
        case .closeWithoutResponse:
            break
        }
    }

    /// Sends nothing until the server stops or the client closes the connection; a close is recorded with
    /// how long the connection was held (`hangsClosedByClient`). Polled, so that a client's own deadline is
    /// seen within 50 ms.
    private func hang(_ socket: Int32) {
        let arrived = DispatchTime.now()
        while !state.withLock({ stopped }) {
            var descriptor = pollfd(fd: socket, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, 50) > 0 else { continue }
            var byte: UInt8 = 0
            let peeked = recv(socket, &byte, 1, Int32(MSG_PEEK) | Int32(MSG_DONTWAIT))
            if peeked == 0 || (peeked < 0 && errno != EAGAIN && errno != EINTR) {
                // `stop()` shuts the socket down too: that is not the client hanging up.
                guard !state.withLock({ stopped }) else { return }
                let seconds = Double(DispatchTime.now().uptimeNanoseconds - arrived.uptimeNanoseconds) / 1e9
                state.withLock { closedHangs.append(seconds) }
                return
            }
            // More bytes from the client (not expected): wait rather than spin on them.
            usleep(50_000)
        }
    }

    private static func head(status: Int, headers: [String: String], length: Int) -> Data {
        var lines = ["HTTP/1.1 \(status) \(reasonPhrase(status))"]
        for (name, value) in headers.sorted(by: { $0.key < $1.key }) { lines.append("\(name): \(value)") }
        lines.append("Content-Length: \(length)")
        lines.append("Connection: close")
        return Data((lines.joined(separator: "\r\n") + "\r\n\r\n").utf8)
    }

    private static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 200: "OK"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 404: "Not Found"
        case 429: "Too Many Requests"
        case 500: "Internal Server Error"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        default: "Status"
        }
    }

    private static func write(_ data: Data, to socket: Int32) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(socket, buffer.baseAddress! + offset, buffer.count - offset, sendFlags)
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    #if canImport(Glibc)
        private static let sendFlags = Int32(MSG_NOSIGNAL)
        private static func disableSigPipe(_ socket: Int32) {}
    #else
        private static let sendFlags: Int32 = 0
        private static func disableSigPipe(_ socket: Int32) {
            var on: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        }
    #endif

    private static func listen() throws -> (Int32, UInt16) {
        #if canImport(Glibc)
            let socketType = Int32(SOCK_STREAM.rawValue)
        #else
            let socketType = SOCK_STREAM
        #endif
        let listener = socket(AF_INET, socketType, 0)
        guard listener >= 0 else { throw LoopbackServerError(operation: "socket", code: errno) }
        var on: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard bound == 0, systemListen(listener, 64) == 0 else {
            let code = errno
            close(listener)
            throw LoopbackServerError(operation: "bind/listen", code: code)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        return (listener, UInt16(bigEndian: address.sin_port))
    }
}

/// Why the loopback server could not start.
public struct LoopbackServerError: Error, CustomStringConvertible {
    public var operation: String
    public var code: Int32
    public var description: String { "LoopbackServer: \(operation) failed (errno \(code))" }
}

#if canImport(Glibc)
    private func systemListen(_ socket: Int32, _ backlog: Int32) -> Int32 { Glibc.listen(socket, backlog) }
#else
    private func systemListen(_ socket: Int32, _ backlog: Int32) -> Int32 { Darwin.listen(socket, backlog) }
#endif
