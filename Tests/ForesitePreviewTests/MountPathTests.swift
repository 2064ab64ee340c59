import ForesitePreview
import Foundation
import Testing

/// The preview also serves the site under its published path, where 404.html's root-absolute links point.
@Suite("The site's published path resolves in the preview")
struct MountPathTests {
    @Test func pathsUnderTheMountResolveLikeTheRoot() throws {
        let site = try PreviewSite()
        let resolver = try StaticPathResolver(root: site.root, mountPath: "/foresite/")
        let root = resolver.root
        #expect(resolver.resolve("/foresite/index.html") == .file(URL(fileURLWithPath: root + "/index.html")))
        #expect(resolver.resolve("/foresite/") == .file(URL(fileURLWithPath: root + "/index.html")))
        #expect(resolver.resolve("/foresite") == .file(URL(fileURLWithPath: root + "/index.html")))
        #expect(
            resolver.resolve("/foresite/static/site.css") == .file(URL(fileURLWithPath: root + "/static/site.css")))
        // The root keeps working, and the mount is no way out of the folder.
        #expect(resolver.resolve("/index.html") == .file(URL(fileURLWithPath: root + "/index.html")))
        #expect(resolver.resolve("/foresite/../secret.txt") == .badRequest("'..' in path"))
        #expect(resolver.resolve("/foresite/escape.txt") == .notFound)
        #expect(resolver.resolve("/other/index.html") == .notFound)
    }

    @Test func aRootMountChangesNothing() throws {
        let site = try PreviewSite()
        let resolver = try StaticPathResolver(root: site.root, mountPath: "/")
        #expect(resolver.mountSegments.isEmpty)
        #expect(resolver.resolve("/foresite/index.html") == .notFound)
    }
}
