import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteSite

@Suite("Atomic site writing")
struct SiteWriterTests {
    func files(_ pairs: [String: String]) -> SiteFiles {
        var files = SiteFiles()
        for (path, text) in pairs { files.add(path, text) }
        return files
    }

    @Test func createsThenReplacesTheWholeFolder() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let writer = SiteWriter(output: output)
        try writer.write(files(["index.html": "one", "old/page.html": "old"]))
        try writer.write(files(["index.html": "two", "new.txt": "new"]))
        #expect(try String(contentsOf: output.appendingPathComponent("index.html"), encoding: .utf8) == "two")
        #expect(!FileManager.default.fileExists(atPath: output.appendingPathComponent("old").path))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["docs"])
    }

    @Test func leftoversOfAnInterruptedBuildAreRemoved() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let leftover = folder.path(".docs.staging-killed")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try "half".write(to: leftover.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        try SiteWriter(output: output).write(files(["index.html": "whole"]))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.url.path) == ["docs"])
    }

    @Test func refusesToReplaceAFile() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        try "not a folder".write(to: output, atomically: true, encoding: .utf8)
        #expect(throws: SiteError.self) { try SiteWriter(output: output).write(files(["index.html": "x"])) }
        #expect(try String(contentsOf: output, encoding: .utf8) == "not a folder")
    }
}
