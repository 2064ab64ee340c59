import Foundation

/// A rendered site: relative path → bytes, checked before anything touches the disk.
///
/// An incremental build (`SiteBuilder.build`) leaves the files the build cache vouched for where they
/// are, in the previous site, instead of making and holding them: those are `reused`, and reading one
/// (`subscript`, `text`) reads it from the output folder.
public struct SiteFiles: Hashable, Sendable {
    /// A file taken unchanged from the previous site without being made or read.
    struct Reused: Hashable, Sendable {
        /// Where its bytes are: the file in the output folder (before and after the build).
        let location: String
        let identity: FileIdentity
        let inputs: BuildDigest
        let form: BuildDigest
    }

    /// The files made in this build, in memory.
    public private(set) var files: [String: [UInt8]] = [:]
    private(set) var reused: [String: Reused] = [:]

    public init() {}

    public mutating func add(_ path: String, _ text: String) { add(path, bytes: Array(text.utf8)) }

    public mutating func add(_ path: String, bytes: [UInt8]) {
        reused[path] = nil
        files[path] = bytes
    }

    /// Adds every file of each of `sites`, made or reused, under its prefix (a target's folder, "slug/").
    mutating func add(_ sites: [(site: SiteFiles, prefix: String)]) {
        // Room made once for all of them: growing the tables site by site rehashed every path added before
        // (52 000 for a year of 20 targets) at each step, on one core.
        files.reserveCapacity(files.count + sites.reduce(0) { $0 + $1.site.files.count })
        reused.reserveCapacity(reused.count + sites.reduce(0) { $0 + $1.site.reused.count })
        for (site, prefix) in sites {
            for (path, bytes) in site.files { add(prefix + path, bytes: bytes) }
            for (path, file) in site.reused { reuse(prefix + path, file) }
        }
    }

    mutating func reuse(_ path: String, _ file: Reused) {
        files[path] = nil
        reused[path] = file
    }

    public func contains(_ path: String) -> Bool { files[path] != nil || reused[path] != nil }

    public subscript(path: String) -> [UInt8]? {
        if let bytes = files[path] { return bytes }
        return reused[path].flatMap { FileManager.default.contents(atPath: $0.location) }.map { Array($0) }
    }

    public func text(_ path: String) -> String? { self[path].map { String(decoding: $0, as: UTF8.self) } }

    /// Every file of the site, made or reused, by path.
    public var paths: [String] { unorderedPaths.sorted() }

    /// Every file of the site, made or reused, in no particular order (for sets: sorting 52 000 paths
    /// costs more than the set).
    var unorderedPaths: [String] { Array(files.keys) + Array(reused.keys) }

    /// How many files the site has.
    public var count: Int { files.count + reused.count }

    /// The site's size in bytes.
    public var byteCount: Int {
        files.values.reduce(0) { $0 + $1.count } + reused.values.reduce(0) { $0 + $1.identity.size }
    }

    /// The size of the file at `path`, made or reused.
    public func size(_ path: String) -> Int? { files[path]?.count ?? reused[path]?.identity.size }
}
