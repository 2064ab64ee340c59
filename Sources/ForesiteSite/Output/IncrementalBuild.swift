import ForesiteCore
import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A page kind whose pages a build can reuse without making them: before any page is made it names each
/// page's file and a digest of everything that page shows except the footer's "as of" day (the frame's
/// other parts — site settings, navigation, target, banners — are in the build cache's environment).
///
/// A page may also name the day it settles on: the last day whose data it shows (an archive page's last
/// target day). Once the build's day has reached it, the page's footer shows that day instead of the
/// build's, so its bytes stop changing and a build links the previous site's file instead of rewriting it.
protocol IncrementalSitePage: SitePage {
    /// One entry per page of `pages(context)`, in the same order; `settledOn` nil when any later day may
    /// change the page.
    static func inputs(_ context: PageContext) -> [(file: String, digest: BuildDigest, settledOn: Day?)]
    /// `pages(context)[index]`, made alone.
    static func page(at index: Int, _ context: PageContext) -> Self
}

/// The previous build as far as its cache vouches for it: the files whose inputs are recorded and whose
/// copy in the output folder is still the one written, and every page's parse.
struct PreviousBuild: Sendable {
    /// The output folder's path with a trailing slash.
    let root: String
    /// Entries with recorded inputs whose file is intact, by path.
    let intact: [String: BuildCache.Entry]
    /// Every cached page parse, by path, with the digest of the page it came from.
    let scans: [String: (form: BuildDigest, scan: PageScan)]

    init(cache: BuildCache, output: URL) {
        root = output.standardizedFileURL.path + "/"
        intact = cache.intact(in: output)
        var scans: [String: (form: BuildDigest, scan: PageScan)] = [:]
        for (path, entry) in cache.entries {
            if let scan = entry.scan { scans[path] = (entry.form, scan) }
        }
        self.scans = scans
    }

    /// The entry of `path` if it was made from exactly `inputs` and its file is intact.
    func reusable(_ path: String, inputs: BuildDigest) -> BuildCache.Entry? {
        guard let entry = intact[path], entry.inputs == inputs else { return nil }
        return entry
    }

    /// The cached parse of `path` when it was taken from a page of the same `form`.
    func scan(_ path: String, form: BuildDigest) -> PageScan? {
        guard let cached = scans[path], cached.form == form else { return nil }
        return cached.scan
    }

    /// The bytes of the previous build's `path`, if it is still the file `entry` describes, in an array with
    /// room for `reservingExtra` more bytes (read straight into it, never zeroed first).
    func bytes(_ path: String, entry: BuildCache.Entry, reservingExtra extra: Int = 0) -> [UInt8]? {
        let descriptor = open(root + path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0, FileIdentity(status) == entry.identity else { return nil }
        let size = entry.identity.size
        var complete = true
        let bytes = [UInt8](unsafeUninitializedCapacity: size + max(extra, 0)) { buffer, count in
            var offset = 0
            while offset < size {
                let read = read(descriptor, buffer.baseAddress! + offset, size - offset)
                if read < 0 && errno == EINTR { continue }
                guard read > 0 else { break }
                offset += read
            }
            complete = offset == size
            count = offset
        }
        return complete ? bytes : nil
    }
}

/// What this build learned about the files it made, for the next build's cache (identities are added
/// once the files are written).
struct BuildRecord: Sendable {
    var inputs: [String: BuildDigest] = [:]
    var forms: [String: BuildDigest] = [:]
    var asOfOffsets: [String: [Int]] = [:]
    var rows: [String: Int] = [:]
    /// Parses the check can take instead of parsing the page.
    var knownScans: [String: PageScan] = [:]
    /// Pages taken from the previous build instead of being made.
    var reusedPages: Set<String> = []
}

/// The footer's "as of" day in every page: rendered as a placeholder of the same length, found, and
/// replaced by the day. A page reused from the previous build gets the new day at the recorded offsets.
///
/// The placeholder is three private-use characters and a digit: Mustache does not escape them, no
/// transform changes them, and no content Foresite shows contains them.
struct AsOfSplice: Sendable {
    static let placeholder = "\u{E000}\u{E001}\u{E002}0"
    static let length = 10

    let day: [UInt8]

    /// Nil when the day is not ten bytes long (a year before 1000 or after 9999).
    init?(_ day: Day) {
        let bytes = Array(day.iso.utf8)
        guard bytes.count == Self.length, Self.placeholder.utf8.count == Self.length else { return nil }
        self.day = bytes
    }

    /// Replaces every placeholder in `page` by the day; returns their offsets.
    func fill(_ page: inout [UInt8]) -> [Int] {
        let marker = Array(Self.placeholder.utf8)
        var offsets: [Int] = []
        page.withUnsafeMutableBufferPointer { bytes in
            var index = 0
            let last = bytes.count - Self.length
            while index <= last {
                if bytes[index] == marker[0] && (1..<Self.length).allSatisfy({ bytes[index + $0] == marker[$0] }) {
                    offsets.append(index)
                    for offset in 0..<Self.length { bytes[index + offset] = day[offset] }
                    index += Self.length
                } else {
                    index += 1
                }
            }
        }
        return offsets
    }

    /// Writes the day at `offsets` of a page reused from an earlier build; false if one does not fit.
    func refill(_ page: inout [UInt8], at offsets: [Int]) -> Bool {
        guard offsets.allSatisfy({ $0 >= 0 && $0 + Self.length <= page.count }) else { return false }
        for start in offsets {
            for offset in 0..<Self.length { page[start + offset] = day[offset] }
        }
        return true
    }
}
