import ForesiteCore
import Foundation

/// What a walk of a ledger's hash chain found, kept beside the store so that the next read walks only the
/// rows added since.
///
/// The walk (`LedgerVerification`) is a function of the rows' stored values alone. The memo holds the
/// SHA-256 of those values (`LedgerRowReader.stored`) over the first `rows` rows of a chain that
/// held, and the last of their hashes. A later read whose first `rows` rows digest to exactly that would
/// walk them to the same result, so it walks only the rows after them (`ForecastLedger.verifiedRecords`).
/// A row changed, removed or inserted behind the append-only triggers' back changes the digest, and the
/// whole chain is walked again; so does a missing, unreadable or older-format memo. `foresite status`
/// always walks the whole chain.
public struct LedgerVerificationMemo: Hashable, Sendable {
    /// Bumped whenever the stored values' encoding or the walk (a row's canonical line) changes.
    public static let format = 1
    private static let tag = "foresite-ledger-verified"

    /// How many rows, from the first, the walk covered.
    public var rows: Int
    /// SHA-256 of those rows' stored values, in hex.
    public var storedSHA256: String
    /// The chain hash of the last of them.
    public var head: String

    public init(rows: Int, storedSHA256: String, head: String) {
        self.rows = rows
        self.storedSHA256 = storedSHA256
        self.head = head
    }

    /// `<store>.ledger-verified`: beside the store it describes.
    public static func location(forStoreAt path: String) -> URL {
        URL(fileURLWithPath: path + ".ledger-verified")
    }

    /// One line: the tag, the format, the rows, the digest and the head.
    var line: String { "\(Self.tag) \(Self.format) \(rows) \(storedSHA256) \(head)\n" }

    init?(line: String) {
        let fields = line.split(separator: " ", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0] == Self.tag, fields[1] == "\(Self.format)",
            let rows = Int(fields[2]), rows > 0, fields[3].count == 64,
            fields[4].hasSuffix("\n")
        else { return nil }
        self.init(rows: rows, storedSHA256: String(fields[3]), head: String(fields[4].dropLast()))
    }

    /// The memo at `url`; nil when there is none or it is not one this version wrote.
    public static func load(from url: URL) -> LedgerVerificationMemo? {
        guard let data = FileManager.default.contents(atPath: url.path), data.count < 1024 else { return nil }
        return LedgerVerificationMemo(line: String(decoding: data, as: UTF8.self))
    }

    /// Writes the memo next to `url` and renames it into place, so a reader sees the old one or this one.
    public func save(to url: URL) throws {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(
            url.lastPathComponent + ".tmp-\(ProcessInfo.processInfo.processIdentifier)")
        do {
            try Data(line.utf8).write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: url.path])
            }
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        }
    }
}
