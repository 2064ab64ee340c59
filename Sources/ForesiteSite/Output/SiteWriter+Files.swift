import ForesiteCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

// The writer's file operations, one system call at a time: each returns the identity of the file it left
// (`FileIdentity`), which the build cache records.

extension SiteWriter {
    /// Every file (anything not a folder) and folder under `root`, relative to it, folders before their
    /// contents. The folders at the top (a `targets:` site's target folders) are listed side by side. Each
    /// file comes with the inode its directory entry names (`d_ino`), so that the writer knows which of the
    /// staging folder's files already are the current site's without a `stat` of each.
    static func list(_ root: String) -> (files: [(path: String, inode: UInt64)], folders: [String]) {
        let top = listTree(root, from: "", descending: false)
        let below = top.folders.concurrentMap { listTree(root, from: $0, descending: true) }
        return (
            top.files + below.flatMap(\.files), (top.folders + below.flatMap(\.folders)).sorted()
        )
    }

    /// The files and folders in `folder` (relative to `root`; "" for root itself), and with `descending`
    /// everything below them too.
    private static func listTree(_ root: String, from folder: String, descending: Bool) -> (
        files: [(path: String, inode: UInt64)], folders: [String]
    ) {
        var files: [(path: String, inode: UInt64)] = []
        var folders: [String] = []
        var pending = [folder]
        while let folder = pending.popLast() {
            guard let directory = opendir(root + folder) else { continue }
            defer { closedir(directory) }
            while let entry = readdir(directory) {
                let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                    String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
                }
                if name == "." || name == ".." { continue }
                let path = folder.isEmpty ? name : folder + "/" + name
                var isFolder = entry.pointee.d_type == UInt8(DT_DIR)
                if entry.pointee.d_type == UInt8(DT_UNKNOWN) {
                    var status = stat()
                    isFolder = lstat(root + path, &status) == 0 && status.st_mode & S_IFMT == S_IFDIR
                }
                if isFolder {
                    folders.append(path)
                    if descending { pending.append(path) }
                } else {
                    files.append((path, UInt64(entry.pointee.d_ino)))
                }
            }
        }
        return (files, folders)
    }

    /// Puts `bytes` at `path` in the staging folder: over its own old copy in place; kept when it is a
    /// copy shared with the current site and holds these bytes; as a link to the current site's
    /// `previous` when that holds them; else as a new file.
    static func place(_ bytes: [UInt8], at path: String, previous: String) throws(SiteError)
        -> FileIdentity
    {
        var status = stat()
        if lstat(path, &status) == 0 {
            if status.st_mode & S_IFMT == S_IFREG {
                if status.st_nlink == 1, let identity = overwrite(path, with: bytes) { return identity }
                if status.st_nlink > 1, let identity = holds(path, bytes) { return identity }
                unlink(path)
            } else if status.st_mode & S_IFMT == S_IFDIR {
                try? FileManager.default.removeItem(atPath: path)
            } else {
                unlink(path)
            }
        }
        if let identity = linkIfUnchanged(previous, to: path, bytes) { return identity }
        return try writeFile(path, bytes)
    }

    /// The identity of the file at `path` when it holds exactly `bytes`.
    static func holds(_ path: String, _ bytes: [UInt8]) -> FileIdentity? {
        let descriptor = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == bytes.count,
            reads(descriptor, exactly: bytes)
        else { return nil }
        return FileIdentity(status)
    }

    /// Rewrites the file at `path` (one link, so no other folder sees it) with `bytes`; nil if it cannot.
    ///
    /// Only what differs is written: the bytes from the first 64 KB block that differs from the old
    /// contents on. The files rewritten every day mostly grow at their end (`ledger.csv`, the API's
    /// forecasts), and reading the old bytes back costs a fraction of writing them.
    static func overwrite(_ path: String, with bytes: [UInt8]) -> FileIdentity? {
        let descriptor = open(path, O_RDWR | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_nlink == 1, status.st_mode & S_IFMT == S_IFREG else {
            return nil
        }
        let size = Int(status.st_size)
        let same = unchangedPrefix(descriptor, bytes, size: size)
        guard same == bytes.count || writeAll(descriptor, bytes, from: same),
            size == bytes.count || ftruncate(descriptor, off_t(bytes.count)) == 0,
            fstat(descriptor, &status) == 0
        else { return nil }
        return FileIdentity(status)
    }

    /// How many leading bytes of the open file (`size` bytes long) are already `bytes`, in whole blocks
    /// (all of them when the file is exactly `bytes`).
    static func unchangedPrefix(_ descriptor: Int32, _ bytes: [UInt8], size: Int) -> Int {
        let block = 1 << 16
        let comparable = min(size, bytes.count)
        var old = [UInt8](repeating: 0, count: block)
        var offset = 0
        return bytes.withUnsafeBytes { new in
            old.withUnsafeMutableBytes { old in
                while offset < comparable {
                    let count = min(block, comparable - offset)
                    let got = pread(descriptor, old.baseAddress!, count, off_t(offset))
                    if got < 0 && errno == EINTR { continue }
                    guard got == count, memcmp(old.baseAddress!, new.baseAddress! + offset, count) == 0 else {
                        return offset
                    }
                    offset += count
                }
                return offset
            }
        }
    }

    /// Hard-links `previous` to `path` when it holds exactly `bytes` and returns its identity; nil
    /// (nothing done) otherwise, also when the old file is missing or the file system refuses links.
    static func linkIfUnchanged(_ previous: String, to path: String, _ bytes: [UInt8]) -> FileIdentity? {
        let descriptor = open(previous, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, status.st_mode & S_IFMT == S_IFREG, Int(status.st_size) == bytes.count,
            Self.reads(descriptor, exactly: bytes), Foundation.link(previous, path) == 0
        else { return nil }
        return FileIdentity(status)
    }

    /// Links a reused file of the previous site into the staging folder, unless it is there already.
    ///
    /// `found` is the inode of the file the staging folder holds at `path` (nil for none), as its listing
    /// found it: the writer alone changes the staging folder, so no `stat` is needed to know it. Where a
    /// file system names another inode in its directory entries than `stat` gives, the file is linked again:
    /// slower, the same result.
    static func link(_ file: SiteFiles.Reused, to path: String, found: UInt64?) throws(SiteError) {
        if let found {
            if found == file.identity.inode { return }
            unlink(path)
        }
        guard Foundation.link(file.location, path) == 0 else {
            throw SiteError.io(
                path: file.location, message: "cannot be linked: \(String(cString: strerror(errno)))")
        }
    }

    /// True when the rest of the open file `descriptor` is `bytes` (the caller checked the size).
    static func reads(_ descriptor: Int32, exactly bytes: [UInt8]) -> Bool {
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

    /// One `open`/`write`/`close` per file: the staging folder is private, so Foundation's atomic write
    /// (a temporary file and a rename per file) bought nothing and cost a tenth of the build.
    static func writeFile(_ path: String, _ bytes: [UInt8]) throws(SiteError) -> FileIdentity {
        let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw SiteError.io(path: path, message: "cannot be written: \(String(cString: strerror(errno)))")
        }
        defer { close(descriptor) }
        var status = stat()
        guard writeAll(descriptor, bytes, from: 0), fstat(descriptor, &status) == 0 else {
            throw SiteError.io(path: path, message: "cannot be written: \(String(cString: strerror(errno)))")
        }
        return FileIdentity(status)
    }

    /// Writes `bytes[start...]` at offset `start` of the file (`pwrite`).
    static func writeAll(_ descriptor: Int32, _ bytes: [UInt8], from start: Int) -> Bool {
        bytes.withUnsafeBytes { buffer in
            var offset = start
            while offset < buffer.count {
                let written = pwrite(descriptor, buffer.baseAddress! + offset, buffer.count - offset, off_t(offset))
                if written < 0 && errno == EINTR { continue }
                guard written > 0 else { return false }
                offset += written
            }
            return true
        }
    }
}
