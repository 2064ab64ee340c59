/// A rendered site in memory: relative path → bytes. Checked before anything touches the disk.
public struct SiteFiles: Hashable, Sendable {
    public private(set) var files: [String: [UInt8]] = [:]

    public init() {}

    public mutating func add(_ path: String, _ text: String) { files[path] = Array(text.utf8) }
    public mutating func add(_ path: String, bytes: [UInt8]) { files[path] = bytes }

    public func contains(_ path: String) -> Bool { files[path] != nil }
    public subscript(path: String) -> [UInt8]? { files[path] }
    public func text(_ path: String) -> String? { files[path].map { String(decoding: $0, as: UTF8.self) } }

    /// Files by path, so writing and checking happen in one deterministic order.
    public var sorted: [(path: String, bytes: [UInt8])] {
        files.keys.sorted().map { ($0, files[$0]!) }
    }

    public var paths: [String] { files.keys.sorted() }
}
