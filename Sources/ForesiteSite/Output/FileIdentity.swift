import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Which file a path holds, cheaply: inode, size and modification time. A file rewritten, replaced or
/// edited in place gets another inode or another time; a hard link keeps all three. The build cache
/// records it for every file it wrote and trusts a file's bytes without reading them only while it holds.
struct FileIdentity: Hashable, Sendable {
    var inode: UInt64
    var size: Int
    /// Nanoseconds since 1970.
    var modified: Int64

    init(inode: UInt64, size: Int, modified: Int64) {
        self.inode = inode
        self.size = size
        self.modified = modified
    }

    init(_ status: stat) {
        inode = UInt64(status.st_ino)
        size = Int(status.st_size)
        #if canImport(Darwin)
            modified = Int64(status.st_mtimespec.tv_sec) * 1_000_000_000 + Int64(status.st_mtimespec.tv_nsec)
        #else
            modified = Int64(status.st_mtim.tv_sec) * 1_000_000_000 + Int64(status.st_mtim.tv_nsec)
        #endif
    }

    /// The regular file at `path` (not following a final symbolic link), nil when there is none.
    static func of(_ path: String) -> FileIdentity? {
        var status = stat()
        guard lstat(path, &status) == 0, status.st_mode & S_IFMT == S_IFREG else { return nil }
        return FileIdentity(status)
    }

    /// The running executable: a rebuilt or upgraded `foresite` invalidates the build cache.
    static let executable: FileIdentity? = {
        #if os(Linux)
            var status = stat()
            guard stat("/proc/self/exe", &status) == 0 else { return nil }
            return FileIdentity(status)
        #else
            return Bundle.main.executablePath.flatMap { path in
                var status = stat()
                return stat(path, &status) == 0 ? FileIdentity(status) : nil
            }
        #endif
    }()
}
