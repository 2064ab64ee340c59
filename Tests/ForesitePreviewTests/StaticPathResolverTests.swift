import ForesitePreview
import ForesiteTestSupport
import Foundation
import Testing

/// A small site folder with a secret beside it, so escaping the folder would be visible.
struct PreviewSite {
    let folder: TemporaryDirectory
    var root: URL { folder.path("docs") }

    init() throws {
        folder = try TemporaryDirectory(prefix: "foresite-preview")
        let fileManager = FileManager.default
        try fileManager.createDirectory(at: root.appendingPathComponent("static"), withIntermediateDirectories: true)
        try fileManager.createDirectory(at: root.appendingPathComponent("api"), withIntermediateDirectories: true)
        try "<!DOCTYPE html><title>home</title>".write(
            to: root.appendingPathComponent("index.html"), atomically: true, encoding: .utf8)
        try "<!DOCTYPE html><title>missing</title>".write(
            to: root.appendingPathComponent("404.html"), atomically: true, encoding: .utf8)
        try "body{}".write(to: root.appendingPathComponent("static/site.css"), atomically: true, encoding: .utf8)
        try "{}".write(to: root.appendingPathComponent("api/latest.json"), atomically: true, encoding: .utf8)
        try "SECRET".write(to: folder.path("secret.txt"), atomically: true, encoding: .utf8)
        try fileManager.createSymbolicLink(
            at: root.appendingPathComponent("escape.txt"), withDestinationURL: folder.path("secret.txt"))
        try fileManager.createSymbolicLink(
            at: root.appendingPathComponent("outside"), withDestinationURL: folder.url)
        try fileManager.createSymbolicLink(
            at: root.appendingPathComponent("style.css"),
            withDestinationURL: root.appendingPathComponent("static/site.css"))
    }
}

@Suite("Request paths never leave the site folder")
struct StaticPathResolverTests {
    static let badRequests = [
        "/../secret.txt", "/static/../../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt",
        "/..%2fsecret.txt", "/%252e%252e/secret.txt", "/%252e%252e%252fsecret.txt", "/..\\secret.txt",
        "/%5c..%5csecret.txt", "/index.html%00.txt", "/%zz", "secret.txt",
    ]
    static let notFound = [
        "/escape.txt", "/outside/secret.txt", "//etc/passwd", "/etc/passwd", "/nothing.html", "/static",
        "/static/", "/api/missing.json",
    ]

    @Test(arguments: badRequests)
    func traversalIsABadRequest(path: String) throws {
        let site = try PreviewSite()
        let resolution = try StaticPathResolver(root: site.root).resolve(path)
        guard case .badRequest = resolution else {
            Issue.record("\(path) → \(resolution)")
            return
        }
    }

    @Test(arguments: notFound)
    func outsideOrMissingIsNotFound(path: String) throws {
        let site = try PreviewSite()
        #expect(try StaticPathResolver(root: site.root).resolve(path) == .notFound, "\(path)")
    }

    @Test func realFilesResolve() throws {
        let site = try PreviewSite()
        let resolver = try StaticPathResolver(root: site.root)
        let root = resolver.root
        #expect(resolver.resolve("/") == .file(URL(fileURLWithPath: root + "/index.html")))
        #expect(resolver.resolve("/index.html?x=1#top") == .file(URL(fileURLWithPath: root + "/index.html")))
        #expect(resolver.resolve("/./static/site.css") == .file(URL(fileURLWithPath: root + "/static/site.css")))
        #expect(resolver.resolve("/%73tatic/site.css") == .file(URL(fileURLWithPath: root + "/static/site.css")))
        // A symlink that stays inside the folder is fine.
        #expect(resolver.resolve("/style.css") == .file(URL(fileURLWithPath: root + "/static/site.css")))
    }

    @Test func missingRootIsAnError() throws {
        let folder = try TemporaryDirectory()
        #expect(throws: PreviewError.self) { try StaticPathResolver(root: folder.path("nope")) }
    }

    @Test func contentTypes() {
        #expect(ContentTypes.forFile("index.html") == "text/html; charset=utf-8")
        #expect(ContentTypes.forFile("site.css") == "text/css; charset=utf-8")
        #expect(ContentTypes.forFile("favicon.svg") == "image/svg+xml")
        #expect(ContentTypes.forFile("latest.json") == "application/json")
        #expect(ContentTypes.forFile("feed.xml") == "application/atom+xml")
        #expect(ContentTypes.forFile("ledger.csv") == "text/csv; charset=utf-8")
        #expect(ContentTypes.forFile("LICENSE") == "application/octet-stream")
    }
}
