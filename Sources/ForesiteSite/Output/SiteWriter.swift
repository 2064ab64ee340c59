import ForesiteCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Replaces the output folder with a new site in one step, so readers (and a killed build) only ever see
/// the previous site or the new one, never a mix.
///
/// The new site is written into a staging folder beside the output (same file system, so renames are
/// atomic). On Linux the two folders are then swapped with `renameat2(RENAME_EXCHANGE)`, which has no
/// moment without an output folder; elsewhere the old folder is renamed aside and the new one renamed in.
///
/// The staging folder is the site before last, kept after each swap as `.docs.previous` (a hidden sibling,
/// never published) and brought up to date in place by the next build: the output folder itself is never
/// written, so a killed build leaves it whole. Creating a file costs the kernel far more than rewriting
/// one (on ext4 without a journal, creating right after deleting thousands of files costs about a
/// millisecond a file: it skips every recently freed inode), and a day's build changes a few hundred of a
/// site's thousands of files. So a file whose staging copy is its own (one link) is overwritten in place;
/// a file the build reused from the previous site (`SiteFiles.reused`) is hard-linked from it, as is a
/// new file whose bytes the previous site already has; only what is left is created. Files are spread
/// over the cores.
public struct SiteWriter: Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    var parent: URL { output.deletingLastPathComponent() }
    /// Staging folders of the writer before the previous site was kept; removed when found.
    var stagingPrefix: String { ".\(output.lastPathComponent).staging-" }
    /// The site before the current one, rewritten into the next one.
    var previousSite: URL { parent.appendingPathComponent(".\(output.lastPathComponent).previous", isDirectory: true) }

    /// `.docs.build-lock` beside the output: held while a build reads the cache, writes and swaps, so two
    /// builds of one folder (a `preview --watch` rebuild and a `foresite build`) take turns instead of
    /// writing the same staging folder.
    var lockFile: URL { parent.appendingPathComponent(".\(output.lastPathComponent).build-lock") }

    /// Runs `body` holding the output folder's build lock (an advisory `flock`, released when the
    /// process dies).
    func locked<T>(_ body: () throws -> T) throws -> T {
        try createDirectory(parent)
        let descriptor = open(lockFile.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SiteError.io(path: lockFile.path, message: "cannot be opened: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        while flock(descriptor, LOCK_EX) != 0 {
            guard errno == EINTR else {
                throw SiteError.io(
                    path: lockFile.path, message: "cannot be locked: \(String(cString: strerror(errno)))")
            }
        }
        defer { flock(descriptor, LOCK_UN) }
        return try body()
    }

    /// Writes `files` and swaps them into place. Returns the total bytes of the new site.
    @discardableResult
    public func write(_ files: SiteFiles) throws -> Int {
        _ = try locked { try writeRecording(files) }
        return files.byteCount
    }

    /// Writes `files` and swaps them into place; returns each file's identity in the new output folder.
    func writeRecording(_ files: SiteFiles) throws -> [String: FileIdentity] {
        try createDirectory(parent)
        removeLeftovers()
        let staging = previousSite
        let found = try prepare(staging, for: files)
        let live = output.path + "/"
        let target = staging.path + "/"
        // In no particular order: each file is placed on its own, and sorting 52 000 paths (a year of 20
        // targets) took a core for longer than the files it orders took to place.
        let made = Array(files.files)
        let chunks = stride(from: 0, to: made.count, by: Self.chunkSize).map {
            Array(made[$0..<min($0 + Self.chunkSize, made.count)])
        }
        let written = try chunks.concurrentMap { chunk throws(SiteError) in
            try chunk.map { path, bytes throws(SiteError) in
                (path, try Self.place(bytes, at: target + path, previous: live + path))
            }
        }
        let reused = Array(files.reused)
        let reusedChunks = stride(from: 0, to: reused.count, by: Self.chunkSize).map {
            Array(reused[$0..<min($0 + Self.chunkSize, reused.count)])
        }
        _ = try reusedChunks.concurrentMap { chunk throws(SiteError) in
            for (path, file) in chunk { try Self.link(file, to: target + path, found: found[path]) }
        }
        try swapIntoPlace(staging)
        var identities: [String: FileIdentity] = [:]
        identities.reserveCapacity(files.count)
        for chunk in written { for (path, identity) in chunk { identities[path] = identity } }
        for (path, file) in reused { identities[path] = file.identity }
        return identities
    }

    /// Files per work item of the parallel write: small enough to balance the cores.
    static let chunkSize = 64

    /// Makes `staging` a folder holding no file or folder the new site does not have, with every folder
    /// it needs; returns the inodes of the files it keeps, by path.
    private func prepare(_ staging: URL, for files: SiteFiles) throws -> [String: UInt64] {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: staging.path, isDirectory: &isDirectory), !isDirectory.boolValue {
            try? FileManager.default.removeItem(at: staging)
        }
        try createDirectory(staging)
        var folders: Set<String> = [""]
        let paths = files.unorderedPaths
        for path in paths {
            // Found in the UTF-8 bytes: a search by Character checked grapheme breaks in 52 000 paths.
            var end = path.utf8.endIndex
            while let slash = path.utf8[..<end].lastIndex(of: UInt8(ascii: "/")) {
                if !folders.insert(String(path[..<slash])).inserted { break }
                end = slash
            }
        }
        let wanted = Set(paths)
        let root = staging.path + "/"
        let (oldFiles, oldFolders) = Self.list(root)
        var kept: [String: UInt64] = [:]
        kept.reserveCapacity(oldFiles.count)
        for (path, inode) in oldFiles {
            if wanted.contains(path) { kept[path] = inode } else { unlink(root + path) }
        }
        for folder in oldFolders.reversed() where !folders.contains(folder) {
            try? FileManager.default.removeItem(atPath: root + folder)
        }
        for folder in folders.sorted() where !folder.isEmpty {
            let path = root + folder
            if mkdir(path, 0o755) != 0 && errno != EEXIST {
                throw SiteError.io(path: path, message: "folder cannot be created: \(String(cString: strerror(errno)))")
            }
        }
        return kept
    }

    /// Swaps the staging folder and the output folder; the old site stays in the staging folder's place.
    private func swapIntoPlace(_ staging: URL) throws {
        var isDirectory: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: output.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw SiteError.io(path: output.path, message: "exists and is not a folder")
        }
        guard exists else {
            try rename(staging, to: output)
            return
        }
        if Self.exchange(staging.path, output.path) { return }
        let aside = parent.appendingPathComponent(stagingPrefix + "old-" + UUID().uuidString, isDirectory: true)
        try rename(output, to: aside)
        do {
            try rename(staging, to: output)
        } catch {
            try? rename(aside, to: output)
            throw error
        }
        try? rename(aside, to: staging)
    }

    private typealias RenameAt2 =
        @convention(c) (
            Int32, UnsafePointer<CChar>, Int32, UnsafePointer<CChar>, UInt32
        ) -> Int32

    /// Swaps two paths in one system call (`renameat2(..., RENAME_EXCHANGE)`, Linux ≥ 3.15, glibc ≥ 2.28).
    /// Swift's Glibc module does not export the function, so it is looked up at run time; false when it is
    /// missing or the file system refuses, and the caller falls back to two renames.
    private static func exchange(_ first: String, _ second: String) -> Bool {
        #if os(Linux)
            guard let symbol = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "renameat2") else { return false }
            let renameat2 = unsafeBitCast(symbol, to: RenameAt2.self)
            let renameExchange: UInt32 = 2
            return renameat2(AT_FDCWD, first, AT_FDCWD, second, renameExchange) == 0
        #else
            return false
        #endif
    }

    /// Staging folders of builds before the previous site was kept, and of builds killed before the swap.
    private func removeLeftovers() {
        let fileManager = FileManager.default
        guard let names = try? fileManager.contentsOfDirectory(atPath: parent.path) else { return }
        for name in names where name.hasPrefix(stagingPrefix) {
            try? fileManager.removeItem(at: parent.appendingPathComponent(name))
        }
    }

    private func rename(_ from: URL, to: URL) throws {
        guard Foundation.rename(from.path, to.path) == 0 else {
            throw SiteError.io(
                path: to.path, message: "rename from '\(from.path)' failed: \(String(cString: strerror(errno)))")
        }
    }

    private func createDirectory(_ url: URL) throws {
        do {
            try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        } catch {
            throw SiteError.io(path: url.path, message: "folder cannot be created: \(error.localizedDescription)")
        }
    }
}
