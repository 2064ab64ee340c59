import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The preview's HTTP/1.1 transport: a listening socket and one thread per connection, on plain POSIX
/// sockets (so the preview needs no networking package), one request per connection.
///
/// Each connection reads one request head (at most `RequestHead.maximumBytes`, within `timeout`), answers
/// it with `respond` and closes. `stop()` shuts the listener down; connections already accepted finish.
final class PreviewListener: @unchecked Sendable {
    /// Connections served at once; more are answered 503 at once rather than queued without bound.
    static let maximumConnections = 256
    static let timeout = 10

    let port: Int
    private let listener: Int32
    private let respond: @Sendable (RequestHead) -> PreviewResponse
    private let state = NSLock()
    private var stopped = false
    private var active = 0

    /// Binds `host:port` (a numeric address or a name such as `localhost`; port 0 picks a free one).
    init(host: String, port: Int, respond: @escaping @Sendable (RequestHead) -> PreviewResponse) throws {
        self.respond = respond
        (listener, self.port) = try Self.listen(host: host, port: port)
    }

    /// Accepts until `stop()`; returns when the listener is closed.
    func acceptLoop() {
        defer { close(listener) }
        while true {
            let client = accept(listener, nil, nil)
            if client < 0 {
                let code = errno
                // `stop()` shut the socket down; anything else (a signal, an aborted connection, running out
                // of descriptors for a moment) must not end the server.
                if state.withLock({ stopped }) || code == EBADF || code == EINVAL || code == ENOTSOCK { return }
                if code != EINTR && code != ECONNABORTED { usleep(10_000) }
                continue
            }
            let admitted: Bool? = state.withLock {
                guard !stopped else { return nil }
                guard active < Self.maximumConnections else { return false }
                active += 1
                return true
            }
            switch admitted {
            case nil:
                close(client)
                return
            case false:
                Self.transmit(PreviewResponse.plain(503, "too many connections\n").serialized(), to: client)
                close(client)
            case true:
                let thread = Thread { [self] in
                    serve(client)
                    state.withLock { active -= 1 }
                }
                thread.name = "foresite.preview.connection"
                thread.start()
            }
        }
    }

    /// Wakes `acceptLoop` (shutting a listening socket down makes a blocked `accept` fail).
    func stop() {
        state.withLock {
            guard !stopped else { return }
            stopped = true
            _ = shutdown(listener, Int32(SHUT_RDWR))
        }
    }

    private func serve(_ socket: Int32) {
        defer { close(socket) }
        Self.configure(socket)
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        var headEnd: Int?
        while headEnd == nil && received.count <= RequestHead.maximumBytes {
            let count = recv(socket, &chunk, chunk.count, 0)
            // Closed by the peer, an error, or no complete head within the timeout: nothing to answer.
            guard count > 0 else { return }
            let searchedUpTo = received.count
            received += chunk[0..<count]
            headEnd = RequestHead.end(in: received, searchingFrom: searchedUpTo)
        }
        guard let headEnd, headEnd <= RequestHead.maximumBytes else {
            Self.transmit(PreviewResponse.plain(431, "request head too large\n").serialized(), to: socket)
            return Self.finish(socket)
        }
        let response = RequestHead(received[0..<headEnd]).map(respond) ?? .plain(400, "bad request\n")
        Self.transmit(response.serialized(), to: socket)
        Self.finish(socket)
    }

    /// Closes the sending side, then reads (and drops) what the client still sends, a bounded amount,
    /// so the close does not reset the connection before the client has read the response.
    private static func finish(_ socket: Int32) {
        _ = shutdown(socket, Int32(SHUT_WR))
        var chunk = [UInt8](repeating: 0, count: 4096)
        var drained = 0
        while drained < 1 << 20 {
            let count = recv(socket, &chunk, chunk.count, 0)
            if count <= 0 { return }
            drained += count
        }
    }

    private static func transmit(_ data: Data, to socket: Int32) {
        data.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let sent = send(socket, buffer.baseAddress! + offset, buffer.count - offset, sendFlags)
                if sent <= 0 { return }
                offset += sent
            }
        }
    }

    /// Read and write timeouts, and no SIGPIPE when the client has gone.
    private static func configure(_ socket: Int32) {
        var limit = timeval(tv_sec: timeout, tv_usec: 0)
        setsockopt(socket, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        setsockopt(socket, SOL_SOCKET, SO_SNDTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
        #if canImport(Darwin)
            var on: Int32 = 1
            setsockopt(socket, SOL_SOCKET, SO_NOSIGPIPE, &on, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    #if canImport(Glibc)
        private static let sendFlags = Int32(MSG_NOSIGNAL)
        private static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
        private static let sendFlags: Int32 = 0
        private static let streamType = SOCK_STREAM
    #endif

    /// The port of an IPv4 or IPv6 socket address, in host byte order.
    private static func boundPort(of address: sockaddr_storage) -> Int {
        var address = address
        let family = Int32(address.ss_family)
        return withUnsafePointer(to: &address) { pointer in
            if family == AF_INET6 {
                return pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) {
                    Int(UInt16(bigEndian: $0.pointee.sin6_port))
                }
            }
            return pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) {
                Int(UInt16(bigEndian: $0.pointee.sin_port))
            }
        }
    }

    /// The first address `host` resolves to, bound and listening; the port actually bound.
    private static func listen(host: String, port: Int) throws -> (Int32, Int) {
        func failure(_ reason: String) -> PreviewError { .cannotListen(host: host, port: port, reason: reason) }
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        var found: UnsafeMutablePointer<addrinfo>?
        let lookup = getaddrinfo(host, String(port), &hints, &found)
        guard lookup == 0, let address = found else { throw failure(String(cString: gai_strerror(lookup))) }
        defer { freeaddrinfo(found) }
        let listener = socket(address.pointee.ai_family, streamType, 0)
        guard listener >= 0 else { throw failure(String(cString: strerror(errno))) }
        var on: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &on, socklen_t(MemoryLayout<Int32>.size))
        guard bind(listener, address.pointee.ai_addr, address.pointee.ai_addrlen) == 0,
            systemListen(listener, 128) == 0
        else {
            let reason = String(cString: strerror(errno))
            close(listener)
            throw failure(reason)
        }
        var bound = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        _ = withUnsafeMutablePointer(to: &bound) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(listener, $0, &length) }
        }
        return (listener, boundPort(of: bound))
    }
}

#if canImport(Glibc)
    private func systemListen(_ socket: Int32, _ backlog: Int32) -> Int32 { Glibc.listen(socket, backlog) }
#else
    private func systemListen(_ socket: Int32, _ backlog: Int32) -> Int32 { Darwin.listen(socket, backlog) }
#endif
