/// Computes ledger rows' chain hashes, `SHA256(previousHash + "," + contentLine)`, through one reusable
/// byte buffer: the site build re-hashes every row of every target (30,000 a year each), and making each
/// row's fields as strings, joining them and hashing the joined copy cost several times the hashing.
public struct LedgerChainHasher {
    private var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(512) }

    /// The digest `record` must carry when it follows the row whose hash is `previous`.
    public mutating func hash(_ record: LedgerRecord, after previous: String) -> SHA256.Digest {
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: previous.utf8)
        bytes.append(UInt8(ascii: ","))
        record.appendContentLine(to: &bytes)
        return bytes.withUnsafeBytes { SHA256.hash($0) }
    }
}
