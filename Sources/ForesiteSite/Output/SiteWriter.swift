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
/// Staging folders left by an interrupted build are removed on the next write.
///
/// Creating a file costs the kernel far more than linking one (on ext4 about a millisecond against a
/// hundredth of one), and a day's build changes few of a site's thousands of files: a file whose bytes
/// equal the previous site's is hard-linked from it into the staging folder, and only the rest are
/// written, spread over the cores. The old folder is only ever unlinked, never written, so a killed
/// build still leaves it whole.
public struct SiteWriter: Sendable {
    public let output: URL

    public init(output: URL) {
        self.output = output.standardizedFileURL
    }

    var parent: URL { output.deletingLastPathComponent() }
    var stagingPrefix: String { ".\(output.lastPathComponent).staging-" }

    /// Writes `files` and swaps them into place. Returns the total bytes of the new site.
    @discardableResult
    public func write(_ files: SiteFiles) throws -> Int {
        let fileManager = FileManager.default
        try createDirectory(parent)
        removeLeftovers()
        let staging = parent.appendingPathComponent(stagingPrefix + UUID().uuidString, isDirectory: true)
        let sorted = files.sorted
        do {
            try createDirectory(staging)
            var folders: Set<String> = [staging.path]
            for (path, _) in sorted {
                let folder = staging.appendingPathComponent(path).deletingLastPathComponent()
                if folders.insert(folder.path).inserted { try createDirectory(folder) }
            }
            let previous = output.path
            let target = staging.path
            let chunks = stride(from: 0, to: sorted.count, by: Self.chunkSize).map {
                Array(sorted[$0..<min($0 + Self.chunkSize, sorted.count)])
            }
            _ = try chunks.concurrentMap { chunk in
                for (path, bytes) in chunk {
                    let destination = target + "/" + path
                    if !Self.linkIfUnchanged(previous + "/" + path, to: destination, bytes) {
                        try Self.writeFile(destination, bytes)
                    }
                }
            }
            try swapIntoPlace(staging)
        } catch {
            try? fileManager.removeItem(at: staging)
            throw error
        }
        return sorted.reduce(0) { $0 + $1.bytes.count }
    }

    /// Files per work item of the parallel write: small enough to balance the cores.
    static let chunkSize = 64

    /// Hard-links `previous` to `path` when it holds exactly `bytes`; false (nothing done) otherwise,
    /// also when the old file is missing or the file system refuses links.
    static func linkIfUnchanged(_ previous: String, to path: String, _ bytes: [UInt8]) -> Bool {
        let descriptor = open(previous, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return false }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == bytes.count,
            Self.reads(descriptor, exactly: bytes)
        else { return false }
        return link(previous, path) == 0
    }

    /// True when the rest of the open file `descriptor` is `bytes` (the caller checked the size).
    private static func reads(_ descriptor: Int32, exactly bytes: [UInt8]) -> Bool {
        var old = [UInt8](repeating: 0, count: bytes.count)
        var offset = 0
        while offset < bytes.count {
            let count = old.withUnsafeMutableBytes { read(descriptor, $0.baseAddress! + offset, bytes.count - offset) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return false }
            offset += count
        }
        return old == bytes
    }

    /// One `open`/`write`/`close` per file: the staging folder is new and private, so Foundation's
    /// atomic write (a temporary file and a rename per file) bought nothing and cost a tenth of the build.
    private static func writeFile(_ path: String, _ bytes: [UInt8]) throws {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SiteError.io(path: path, message: "cannot be written: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        try bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else {
                    throw SiteError.io(path: path, message: "cannot be written: \(String(cString: strerror(errno)))")
                }
                offset += written
            }
        }
    }

    private func swapIntoPlace(_ staging: URL) throws {
        let fileManager = FileManager.default
        var isDirectory: ObjCBool = false
        let exists = fileManager.fileExists(atPath: output.path, isDirectory: &isDirectory)
        if exists && !isDirectory.boolValue {
            throw SiteError.io(path: output.path, message: "exists and is not a folder")
        }
        guard exists else {
            try rename(staging, to: output)
            return
        }
        if Self.exchange(staging.path, output.path) {
            // The old site now sits in `staging`.
            try? fileManager.removeItem(at: staging)
            return
        }
        let aside = parent.appendingPathComponent(stagingPrefix + "old-" + UUID().uuidString, isDirectory: true)
        try rename(output, to: aside)
        do {
            try rename(staging, to: output)
        } catch {
            try? rename(aside, to: output)
            throw error
        }
        try? fileManager.removeItem(at: aside)
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

    /// Staging folders of builds that were killed before they finished.
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
