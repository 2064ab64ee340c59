import Foundation
import Testing

@testable import ForesitePreview

/// The request line is all the preview reads of a request; anything that is not plainly HTTP/1.x is refused.
@Suite("Request heads and responses")
struct RequestHeadTests {
    @Test func aPlainRequestLineParses() throws {
        let head = try #require(RequestHead(ArraySlice("GET /a%20b.html?x=1 HTTP/1.1\r\nHost: x\r\n".utf8)))
        #expect(head == RequestHead(method: "GET", target: "/a%20b.html?x=1", version: "HTTP/1.1"))
    }

    @Test(arguments: [
        "", "GET / HTTP/1.1 extra", "GET  / HTTP/1.1", "GET /\tx HTTP/1.1", "get / HTTP/1.1", "GET / HTTP/2.0",
        "GET / SPDY/3", "GET /\u{7F} HTTP/1.1", "GET\0/ HTTP/1.1", "GET /",
    ])
    func malformedRequestLinesAreRefused(line: String) {
        #expect(RequestHead(ArraySlice((line + "\r\n").utf8)) == nil, "\(line.debugDescription)")
    }

    @Test func theHeadEndsAtTheFirstBlankLine() {
        let bytes = Array("GET / HTTP/1.1\r\nA: b\r\n\r\nbody".utf8)
        #expect(RequestHead.end(in: bytes) == bytes.count - 4)
        #expect(RequestHead.end(in: Array("GET / HTTP/1.1\r\nA: b\r\n".utf8)) == nil)
        // A blank line split across two reads is still found.
        #expect(RequestHead.end(in: bytes, searchingFrom: 22) == bytes.count - 4)
    }

    @Test func headAnswersCarryTheLengthButNoBody() throws {
        let site = try PreviewSite()
        let resolver = try StaticPathResolver(root: site.root)
        let get = PreviewServer.respond(
            to: RequestHead(method: "GET", target: "/static/site.css", version: "HTTP/1.1"), resolver: resolver)
        let head = PreviewServer.respond(
            to: RequestHead(method: "HEAD", target: "/static/site.css", version: "HTTP/1.1"), resolver: resolver)
        let getText = String(decoding: get.serialized(), as: UTF8.self)
        let headText = String(decoding: head.serialized(), as: UTF8.self)
        #expect(getText.hasPrefix("HTTP/1.1 200 OK\r\n") && getText.hasSuffix("\r\n\r\nbody{}"))
        #expect(headText.contains("Content-Length: 6\r\n") && headText.hasSuffix("\r\n\r\n"))
        #expect(headText.contains("X-Content-Type-Options: nosniff\r\n"))
        let post = PreviewServer.respond(
            to: RequestHead(method: "POST", target: "/", version: "HTTP/1.1"), resolver: resolver)
        #expect(post.status == 405)
        #expect(String(decoding: post.serialized(), as: UTF8.self).contains("Allow: GET, HEAD\r\n"))
    }
}

extension RequestHead {
    init(method: String, target: String, version: String) {
        self.init(ArraySlice("\(method) \(target) \(version)\r\n".utf8))!
    }
}
