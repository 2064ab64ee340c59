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
        // The site before is kept beside, hidden, for the next build to rewrite.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == [
                ".docs.build-lock", ".docs.previous", "docs",
            ])
    }

    @Test func leftoversOfAnInterruptedBuildAreRemoved() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let leftover = folder.path(".docs.staging-killed")
        try FileManager.default.createDirectory(at: leftover, withIntermediateDirectories: true)
        try "half".write(to: leftover.appendingPathComponent("index.html"), atomically: false, encoding: .utf8)
        try SiteWriter(output: output).write(files(["index.html": "whole"]))
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == [
                ".docs.build-lock", "docs",
            ])
    }

    @Test func refusesToReplaceAFile() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        try "not a folder".write(to: output, atomically: true, encoding: .utf8)
        #expect(throws: SiteError.self) { try SiteWriter(output: output).write(files(["index.html": "x"])) }
        #expect(try String(contentsOf: output, encoding: .utf8) == "not a folder")
    }

    @Test func unchangedFilesAreLinkedFromThePreviousSite() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let writer = SiteWriter(output: output)
        try writer.write(files(["same.html": "same", "hub/same.csv": "a,b", "changed.html": "one", "empty.txt": ""]))
        let before = try inodes(output, ["same.html", "hub/same.csv", "changed.html", "empty.txt"])
        try writer.write(files(["same.html": "same", "hub/same.csv": "a,b", "changed.html": "two", "empty.txt": ""]))
        let after = try inodes(output, ["same.html", "hub/same.csv", "changed.html", "empty.txt"])
        #expect(after[0] == before[0] && after[1] == before[1] && after[3] == before[3])
        #expect(after[2] != before[2])
        #expect(try String(contentsOf: output.appendingPathComponent("changed.html"), encoding: .utf8) == "two")
        #expect(try String(contentsOf: output.appendingPathComponent("same.html"), encoding: .utf8) == "same")
        // The old site is kept beside, sharing the unchanged files and nothing else.
        #expect(
            try FileManager.default.contentsOfDirectory(atPath: folder.url.path).sorted() == [
                ".docs.build-lock", ".docs.previous", "docs",
            ])
        let links = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent("same.html").path)
        #expect((links[.referenceCount] as? NSNumber)?.intValue == 2)
        let changed = try FileManager.default.attributesOfItem(
            atPath: output.appendingPathComponent("changed.html").path)
        #expect((changed[.referenceCount] as? NSNumber)?.intValue == 1)
    }

    /// A reused file is linked from the current site into the staging folder (the site before last) as
    /// that folder's listing found it: kept when it is that very file, else put there, over another file
    /// or a folder of the same name.
    @Test func aReusedFileIsLinkedWhateverTheSiteBeforeLastHeldThere() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let staging = folder.path(".docs.previous")
        let writer = SiteWriter(output: output)
        let paths = ["kept.csv", "gone.csv", "other.csv", "folder.csv", "new/deep.csv"]
        try writer.write(files(Dictionary(uniqueKeysWithValues: paths.map { ($0, "bytes of \($0)") })))
        // The next build reuses every file; yesterday's site is the staging folder.
        try writer.write(files(Dictionary(uniqueKeysWithValues: paths.map { ($0, "bytes of \($0)") })))
        // The site before last, now the staging folder, is left in each state the writer may meet.
        let manager = FileManager.default
        try manager.removeItem(at: staging.appendingPathComponent("gone.csv"))
        try manager.removeItem(at: staging.appendingPathComponent("other.csv"))
        try "stray".write(to: staging.appendingPathComponent("other.csv"), atomically: false, encoding: .utf8)
        try manager.removeItem(at: staging.appendingPathComponent("folder.csv"))
        try manager.createDirectory(
            at: staging.appendingPathComponent("folder.csv/inside"), withIntermediateDirectories: true)
        try manager.removeItem(at: staging.appendingPathComponent("new"))
        let live = try inodes(output, paths)
        var reusing = SiteFiles()
        for (path, inode) in zip(paths, live) {
            let location = output.appendingPathComponent(path).path
            var status = stat()
            #expect(lstat(location, &status) == 0)
            #expect(Int(status.st_ino) == inode)
            reusing.reuse(
                path,
                SiteFiles.Reused(
                    location: location, identity: FileIdentity(status), inputs: BuildDigest(high: 1, low: 2),
                    form: BuildDigest(high: 3, low: 4)))
        }
        try writer.write(reusing)
        // Every path is the file it was, shared by the new site and the one before.
        #expect(try inodes(output, paths) == live)
        #expect(try inodes(staging, paths) == live)
        for path in paths {
            #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == "bytes of \(path)")
        }
    }

    @Test func theSiteBeforeLastIsRewrittenInPlace() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let writer = SiteWriter(output: output)
        try writer.write(files(["page.html": "one", "same.txt": "same"]))
        let first = try inodes(output, ["page.html"])
        try writer.write(files(["page.html": "two", "same.txt": "same"]))
        // The folder of the first site, with its own copy of page.html, becomes the third: no new file.
        try writer.write(files(["page.html": "three!", "same.txt": "same"]))
        #expect(try inodes(output, ["page.html"]) == first)
        #expect(try String(contentsOf: output.appendingPathComponent("page.html"), encoding: .utf8) == "three!")
        let previous = folder.path(".docs.previous")
        #expect(try String(contentsOf: previous.appendingPathComponent("page.html"), encoding: .utf8) == "two")
        #expect(try inodes(output, ["same.txt"]) == inodes(previous, ["same.txt"]))
    }

    @Test func strayFilesInTheKeptSiteDoNotReachTheNextOne() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let writer = SiteWriter(output: output)
        try writer.write(files(["a/page.html": "one"]))
        try writer.write(files(["a/page.html": "two"]))
        let previous = folder.path(".docs.previous")
        try "stray".write(to: previous.appendingPathComponent("a/stray.html"), atomically: false, encoding: .utf8)
        try FileManager.default.createDirectory(
            at: previous.appendingPathComponent("b/c"), withIntermediateDirectories: true)
        try "nested".write(to: previous.appendingPathComponent("b/c/d.txt"), atomically: false, encoding: .utf8)
        try writer.write(files(["a/page.html": "three"]))
        #expect(try IncrementalBuildTests.tree(output) == ["a/page.html": Array("three".utf8)])
    }

    @Test func aFileOfTheSameSizeButOtherBytesIsWrittenAfresh() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let writer = SiteWriter(output: output)
        try writer.write(files(["page.html": "abc"]))
        try writer.write(files(["page.html": "abd"]))
        #expect(try String(contentsOf: output.appendingPathComponent("page.html"), encoding: .utf8) == "abd")
    }

    /// A rewrite in place writes only from the first changed 64 KB block on: whatever the old copy held,
    /// the file ends up holding exactly the new bytes, in the same inode.
    @Test(arguments: [
        ("grows at its end", 200_000, 230_000, [Int]()),
        ("shrinks", 200_000, 70_000, []),
        ("changes in its second block", 200_000, 200_000, [65_536 + 17]),
        ("changes in its first and last byte", 140_000, 140_000, [0, 139_999]),
        ("is the same", 90_000, 90_000, []),
        ("is emptied", 90_000, 0, []),
    ])
    func aRewriteInPlaceLeavesExactlyTheNewBytes(change: String, oldSize: Int, newSize: Int, flipped: [Int]) throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        let writer = SiteWriter(output: output)
        let old = (0..<oldSize).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) }
        var new = (0..<newSize).map { UInt8(truncatingIfNeeded: $0 &* 7 &+ $0 / 251) }
        for offset in flipped { new[offset] ^= 0xFF }
        func site(_ bytes: [UInt8]) -> SiteFiles {
            var files = SiteFiles()
            files.add("ledger.csv", bytes: bytes)
            return files
        }
        try writer.write(site(old))
        try writer.write(site(Array("the site between".utf8)))
        let first = try inodes(folder.path(".docs.previous"), ["ledger.csv"])
        try writer.write(site(new))
        #expect(try inodes(output, ["ledger.csv"]) == first, "rewritten in place (\(change))")
        #expect(try [UInt8](Data(contentsOf: output.appendingPathComponent("ledger.csv"))) == new, "\(change)")
    }

    @Test func manyFilesInManyFoldersAreAllWritten() throws {
        let folder = try TemporaryDirectory()
        let output = folder.path("docs")
        var pairs: [String: String] = [:]
        for index in 0..<300 { pairs["folder\(index % 7)/file\(index).txt"] = "content \(index)" }
        try SiteWriter(output: output).write(files(pairs))
        pairs["folder3/file3.txt"] = "changed"
        try SiteWriter(output: output).write(files(pairs))
        for (path, text) in pairs {
            #expect(try String(contentsOf: output.appendingPathComponent(path), encoding: .utf8) == text)
        }
    }

    private func inodes(_ output: URL, _ paths: [String]) throws -> [Int] {
        try paths.map { path in
            let attributes = try FileManager.default.attributesOfItem(atPath: output.appendingPathComponent(path).path)
            return try #require((attributes[.systemFileNumber] as? NSNumber)?.intValue)
        }
    }
}
