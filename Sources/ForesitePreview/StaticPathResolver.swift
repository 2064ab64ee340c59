import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Maps a request path to a file inside the site folder, and to nothing else.
///
/// The path is percent-decoded exactly once; anything that still looks encoded afterwards (`%2e%2e`),
/// any `..` segment, backslash or NUL is refused as a bad request. The candidate is then resolved with
/// `realpath` and must still lie inside the folder's own real path, so a symlink pointing out of the
/// folder is answered 404 like a missing file.
public struct StaticPathResolver: Sendable {
    public enum Resolution: Equatable, Sendable {
        case file(URL)
        case badRequest(String)
        case notFound
    }

    /// The folder's canonical path, without a trailing slash.
    public let root: String
    /// Path segments of the site's own path when published (`["foresite"]` for
    /// `https://user.github.io/foresite/`); empty when it is served at the host's root.
    public let mountSegments: [String]

    /// `mountPath` is the site's path when published ("/foresite/"): requests under it resolve as if it
    /// were the root, so the root-absolute links of 404.html (which GitHub Pages serves at any depth) work
    /// in the preview too. Requests from the root keep working.
    public init(root: URL, mountPath: String = "/") throws {
        guard let real = Self.realPath(root.path), Self.isDirectory(real) else {
            throw PreviewError.missingRoot(path: root.path)
        }
        self.root = real
        mountSegments = mountPath.split(separator: "/").map(String.init)
    }

    /// Resolves the path part of a request target (`/a/b.html?x=1` → `<root>/a/b.html`); directories
    /// map to their `index.html`.
    public func resolve(_ target: String) -> Resolution {
        var rawPath = Substring(target)
        if let mark = rawPath.firstIndex(where: { $0 == "?" || $0 == "#" }) { rawPath = rawPath[..<mark] }
        guard rawPath.hasPrefix("/") else { return .badRequest("request target must start with '/'") }
        guard let decoded = String(rawPath).removingPercentEncoding else {
            return .badRequest("malformed percent-encoding")
        }
        if decoded.contains("\\") || decoded.contains("\0") {
            return .badRequest("backslash or NUL in path")
        }
        if Self.looksEncoded(decoded) { return .badRequest("path is encoded twice") }
        let segments = decoded.split(separator: "/", omittingEmptySubsequences: true)
        if segments.contains(where: { $0 == ".." }) { return .badRequest("'..' in path") }
        var kept = segments.filter { $0 != "." }
        if !mountSegments.isEmpty && kept.starts(with: mountSegments.map { Substring($0) }) {
            kept.removeFirst(mountSegments.count)
        }
        let relative = kept.joined(separator: "/")
        var candidate = relative.isEmpty ? root : root + "/" + relative
        if Self.isDirectory(candidate) { candidate += "/index.html" }
        guard let real = Self.realPath(candidate), real == root || real.hasPrefix(root + "/"),
            Self.isRegularFile(real)
        else { return .notFound }
        return .file(URL(fileURLWithPath: real))
    }

    /// True when a `%XX` escape survives one round of decoding: a double-encoded request.
    static func looksEncoded(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3 else { return false }
        for index in 0..<(bytes.count - 2) where bytes[index] == UInt8(ascii: "%") {
            if isHex(bytes[index + 1]) && isHex(bytes[index + 2]) { return true }
        }
        return false
    }

    private static func isHex(_ byte: UInt8) -> Bool {
        (48...57).contains(byte) || (65...70).contains(byte) || (97...102).contains(byte)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    static func isRegularFile(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
