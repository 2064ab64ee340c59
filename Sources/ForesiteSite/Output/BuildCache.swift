import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// What the last build of an output folder made, so the next build makes again only what changed.
///
/// Kept in one file beside the output, `.docs.build-cache` for `docs/` (a hidden sibling, never
/// published). For every file of the site it records the digest of the inputs it was made from (for the
/// kinds that can say so before making it: hub forecasts and archive pages), the file's identity in the
/// output folder (`FileIdentity`), where the footer's "as of" day sits in a page, and what the output
/// check learned from parsing the page. A file is reused only when its input digest matches and the file
/// in the output folder is still the one the cache describes; anything else is made and checked afresh.
///
/// The whole cache is dropped when anything every file depends on differs from the build that wrote
/// it (`environment`: the cache format, the `foresite` executable, templates, static files, page list,
/// site settings, target and navigation), and when the file is missing, truncated or fails its checksum:
/// a bad cache costs one full build, never a wrong site.
struct BuildCache: Sendable {
    struct Entry: Sendable {
        /// Digest of everything the file is made from, for files that can be reused without being made.
        var inputs: BuildDigest?
        /// Digest of the page as rendered with the "as of" placeholder (other files: of their bytes).
        var form: BuildDigest
        /// The file in the output folder after the build.
        var identity: FileIdentity
        /// Byte offsets of the footer's "as of" day in a page (ten bytes each).
        var asOfOffsets: [Int]
        /// For a file that only grows (the ledger's CSV): the rows it holds, which `inputs` digests.
        var rows: Int
        /// The output check's parse of the page; nil when it depends on the day (a link or id holds it).
        var scan: PageScan?

        init(
            inputs: BuildDigest?, form: BuildDigest, identity: FileIdentity, asOfOffsets: [Int], rows: Int = 0,
            scan: PageScan?
        ) {
            self.inputs = inputs
            self.form = form
            self.identity = identity
            self.asOfOffsets = asOfOffsets
            self.rows = rows
            self.scan = scan
        }
    }

    /// Bumped whenever what is stored, or how a file is made from its digested inputs, changes.
    static let format: UInt64 = 2
    private static let magic: UInt64 = 0x4653_4255_494C_4443  // "FSBUILDC"

    var environment: BuildDigest
    var entries: [String: Entry]

    init(environment: BuildDigest, entries: [String: Entry] = [:]) {
        self.environment = environment
        self.entries = entries
    }

    /// `.docs.build-cache` beside `output` (`docs/`).
    static func location(for output: URL) -> URL {
        let output = output.standardizedFileURL
        return output.deletingLastPathComponent().appendingPathComponent(".\(output.lastPathComponent).build-cache")
    }

    /// `.docs.build-cache.<slug>` beside `output`: the cache of one target's folder of an overview site
    /// (its entries relative to `output/<slug>/`, its environment the target's own).
    static func location(for output: URL, target slug: String) -> URL {
        let single = location(for: output)
        return single.deletingLastPathComponent().appendingPathComponent(single.lastPathComponent + "." + slug)
    }

    /// Removes the target caches beside `output` of targets not in `slugs` (a target dropped from the
    /// configuration, or the overview replaced by a single-target site when `slugs` is empty).
    static func removeTargetCaches(beside output: URL, except slugs: Set<String>) {
        let single = location(for: output)
        let folder = single.deletingLastPathComponent()
        let prefix = single.lastPathComponent + "."
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names where name.hasPrefix(prefix) && !slugs.contains(String(name.dropFirst(prefix.count))) {
            guard !name.contains(".tmp-") else { continue }
            try? FileManager.default.removeItem(at: folder.appendingPathComponent(name))
        }
    }

    /// The cache a build leaves: one entry per file it wrote (`identities`, by path in the output folder),
    /// with what `record` learned about it and the check's parse of it (`scans`) unless the parse mentions
    /// the build's day `day`.
    init(
        environment: BuildDigest, identities: [String: FileIdentity], record: BuildRecord,
        scans: [String: PageScan], day: String
    ) {
        self.init(environment: environment)
        entries.reserveCapacity(identities.count)
        for (path, identity) in identities {
            entries[path] = Entry(
                inputs: record.inputs[path], form: record.forms[path] ?? BuildDigest(high: 0, low: 0),
                identity: identity, asOfOffsets: record.asOfOffsets[path] ?? [], rows: record.rows[path] ?? 0,
                scan: scans[path].flatMap { $0.mentions(day) ? nil : $0 })
        }
    }

    /// The cache at `url` if it was written for `environment` and reads back whole; else an empty one.
    static func load(from url: URL, environment: BuildDigest) -> BuildCache {
        guard let data = FileManager.default.contents(atPath: url.path),
            let cache = try? decode([UInt8](data)), cache.environment == environment
        else { return BuildCache(environment: environment) }
        return cache
    }

    /// Writes the cache next to `url` and renames it into place, so a reader sees the old or the new one.
    func save(to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            url.lastPathComponent + ".tmp-\(getpid())")
        do {
            try Data(encoded()).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw SiteError.io(path: url.path, message: "cannot be replaced: \(String(cString: strerror(errno)))")
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }

    /// Entries whose file in `output` is still the one recorded (checked on every core), by path.
    func intact(in output: URL) -> [String: Entry] {
        let root = output.standardizedFileURL.path + "/"
        let candidates = entries.filter { $0.value.inputs != nil }.map { ($0.key, $0.value) }
        let intact = candidates.concurrentMap { path, entry in FileIdentity.of(root + path) == entry.identity }
        var result: [String: Entry] = [:]
        for ((path, entry), isIntact) in zip(candidates, intact) where isIntact { result[path] = entry }
        return result
    }

    // MARK: Encoding

    func encoded() -> [UInt8] {
        var out = ByteWriter()
        out.word(Self.magic)
        out.word(Self.format)
        out.digest(environment)
        out.int(entries.count)
        for path in entries.keys.sorted() {
            let entry = entries[path]!
            out.string(path)
            out.int(entry.inputs == nil ? 0 : 1)
            out.digest(entry.inputs ?? BuildDigest(high: 0, low: 0))
            out.digest(entry.form)
            out.word(entry.identity.inode)
            out.int(entry.identity.size)
            out.int(Int(entry.identity.modified))
            out.int(entry.asOfOffsets.count)
            for offset in entry.asOfOffsets { out.int(offset) }
            out.int(entry.rows)
            guard let scan = entry.scan else {
                out.int(-1)
                continue
            }
            out.int(scan.ids.count)
            for (id, line) in scan.ids.sorted(by: { $0.key < $1.key }) {
                out.string(id)
                out.int(line)
            }
            out.int(scan.links.count)
            for link in scan.links {
                out.string(link.element)
                out.string(link.value)
                out.int(link.line)
                out.int(link.loadsResource ? 1 : 0)
            }
        }
        out.digest(BuildDigest.of(out.bytes))
        return out.bytes
    }

    struct Corrupt: Error {}

    static func decode(_ bytes: [UInt8]) throws(Corrupt) -> BuildCache {
        guard bytes.count >= 48 else { throw Corrupt() }
        let body = Array(bytes[..<(bytes.count - 16)])
        var input = ByteReader(bytes: bytes)
        input.position = body.count
        guard try input.digest() == BuildDigest.of(body) else { throw Corrupt() }
        input = ByteReader(bytes: body)
        guard try input.word() == magic, try input.word() == format else { throw Corrupt() }
        var cache = BuildCache(environment: try input.digest())
        let count = try input.count()
        cache.entries.reserveCapacity(count)
        for _ in 0..<count {
            let path = try input.string()
            let hasInputs = try input.int() == 1
            let inputs = try input.digest()
            let form = try input.digest()
            let identity = FileIdentity(
                inode: try input.word(), size: try input.int(), modified: Int64(try input.int()))
            var offsets: [Int] = []
            for _ in 0..<(try input.count()) { offsets.append(try input.int()) }
            let rows = try input.int()
            var scan: PageScan?
            let ids = try input.int()
            if ids >= 0 {
                var page = PageScan(path: path)
                for _ in 0..<ids { page.ids[try input.string()] = try input.int() }
                for _ in 0..<(try input.count()) {
                    page.links.append(
                        PageScan.Link(
                            element: try input.string(), value: try input.string(), line: try input.int(),
                            loadsResource: try input.int() == 1))
                }
                scan = page
            }
            cache.entries[path] = Entry(
                inputs: hasInputs ? inputs : nil, form: form, identity: identity, asOfOffsets: offsets, rows: rows,
                scan: scan)
        }
        guard input.position == body.count else { throw Corrupt() }
        return cache
    }
}

/// Little-endian words and length-prefixed UTF-8 strings.
private struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func word(_ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ value: Int) { word(UInt64(bitPattern: Int64(value))) }

    mutating func digest(_ value: BuildDigest) {
        word(value.high)
        word(value.low)
    }

    mutating func string(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }
}

/// Reads what `ByteWriter` wrote; throws at the first read past the end or an impossible length.
private struct ByteReader {
    let bytes: [UInt8]
    var position = 0

    mutating func word() throws(BuildCache.Corrupt) -> UInt64 {
        guard position + 8 <= bytes.count else { throw BuildCache.Corrupt() }
        let value = bytes.withUnsafeBytes {
            UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: position, as: UInt64.self))
        }
        position += 8
        return value
    }

    mutating func int() throws(BuildCache.Corrupt) -> Int { Int(Int64(bitPattern: try word())) }

    /// A length: not negative and not longer than what is left.
    mutating func count() throws(BuildCache.Corrupt) -> Int {
        let value = try int()
        guard value >= 0, value <= bytes.count - position else { throw BuildCache.Corrupt() }
        return value
    }

    mutating func digest() throws(BuildCache.Corrupt) -> BuildDigest {
        BuildDigest(high: try word(), low: try word())
    }

    mutating func string() throws(BuildCache.Corrupt) -> String {
        let length = try count()
        let text = String(decoding: bytes[position..<(position + length)], as: UTF8.self)
        position += length
        return text
    }
}
