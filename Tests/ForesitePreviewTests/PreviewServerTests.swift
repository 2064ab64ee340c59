import ForesitePreview
import ForesiteTestSupport
import Foundation
import Testing

/// The real server on a loopback port, probed by curl in a second process.
@Suite("Preview server over HTTP", .enabled(if: Curl.isAvailable, "curl is not installed"))
struct PreviewServerTests {
    @Test func servesFilesWithTheirTypesAndRefusesTraversal() async throws {
        let site = try PreviewSite()
        try await withServer(root: site.root) { port in
            let base = "http://127.0.0.1:\(port)"
            let index = try await Curl.head(base + "/")
            #expect(index.status == 200)
            #expect(index.contentType == "text/html; charset=utf-8")
            #expect(try await Curl.head(base + "/static/site.css").contentType == "text/css; charset=utf-8")
            #expect(try await Curl.head(base + "/api/latest.json").contentType == "application/json")
            let missing = try await Curl.get(base + "/nothing.html")
            #expect(missing.status == 404)
            #expect(missing.body.contains("<title>missing</title>"))
            for path in [
                "/../secret.txt", "/%2e%2e/secret.txt", "/%252e%252e/secret.txt", "/..%5csecret.txt",
                "/static/..%2f..%2fsecret.txt",
            ] {
                let response = try await Curl.get(base + path)
                #expect([400, 404].contains(response.status), "\(path) → \(response.status)")
                #expect(!response.body.contains("SECRET"), "\(path) leaked the file outside the site")
            }
            for path in ["/escape.txt", "/outside/secret.txt", "//etc/passwd"] {
                let response = try await Curl.get(base + path)
                #expect(response.status == 404, "\(path) → \(response.status)")
                #expect(!response.body.contains("SECRET"))
            }
            #expect(try await Curl.get(base + "/", method: "POST").status == 405)
        }
    }

    /// Issue 7 item 6: `FORESITE_LOAD_REQUESTS` (default 2000; 10000 for the full run) requests,
    /// `FORESITE_LOAD_CONCURRENCY` (default 50) at a time, from one curl process: zero errors.
    @Test func boundedLoadCompletesWithoutErrors() async throws {
        let environment = ProcessInfo.processInfo.environment
        let requests = Int(environment["FORESITE_LOAD_REQUESTS"] ?? "") ?? 2000
        let concurrency = Int(environment["FORESITE_LOAD_CONCURRENCY"] ?? "") ?? 50
        let site = try PreviewSite()
        try await withServer(root: site.root) { port in
            let paths = ["/", "/index.html", "/static/site.css", "/api/latest.json", "/missing"]
            let urls = (0..<requests).map { "http://127.0.0.1:\(port)\(paths[$0 % paths.count])" }
            let start = Date()
            let statuses = try await Curl.many(urls, concurrency: concurrency)
            let seconds = Date().timeIntervalSince(start)
            let expected = urls.map { $0.hasSuffix("/missing") ? 404 : 200 }
            #expect(statuses.count == requests)
            #expect(statuses.sorted() == expected.sorted(), "unexpected statuses: \(Set(statuses))")
            print(
                "preview load: \(requests) requests, \(concurrency) concurrent, \(String(format: "%.2f", seconds)) s, "
                    + "\(Int(Double(requests) / seconds)) requests/s, \(statuses.filter { $0 == 0 }.count) errors")
        }
    }

    /// What curl cannot send: a malformed request line, a head past the limit, a request never finished.
    @Test func rawRequestsThatAreNotHTTPAreRefused() async throws {
        let site = try PreviewSite()
        try await withServer(root: site.root) { port in
            #expect(try RawSocket.exchange(port: port, "HELLO\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
            #expect(
                try RawSocket.exchange(port: port, "GET /../secret.txt HTTP/1.1\r\n\r\n").hasPrefix("HTTP/1.1 400 "))
            let huge = "GET / HTTP/1.1\r\nX: " + String(repeating: "a", count: 20_000) + "\r\n\r\n"
            let tooLarge = try RawSocket.exchange(port: port, huge)
            #expect(tooLarge.hasPrefix("HTTP/1.1 431 "), "\(tooLarge.prefix(200).debugDescription)")
            let head = try RawSocket.exchange(port: port, "HEAD /index.html HTTP/1.0\r\n\r\n")
            #expect(head.hasPrefix("HTTP/1.1 200 ") && head.hasSuffix("\r\n\r\n") && !head.contains("home"))
            #expect(head.contains("Connection: close\r\n"))
        }
    }

    private func withServer(root: URL, _ body: @Sendable (Int) async throws -> Void) async throws {
        let server = try PreviewServer(root: root, host: "127.0.0.1", port: 0)
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let task = Task { try await server.run { continuation.yield($0) } }
        defer { task.cancel() }
        var iterator = ports.makeAsyncIterator()
        let port = try #require(await iterator.next())
        try await body(port)
        task.cancel()
        _ = await task.result
    }
}
