/// The request line of one HTTP/1.x request, the only part of a request the preview reads.
///
/// Header fields are not parsed: every response closes its connection, so no header (not even
/// `Content-Length` or `Transfer-Encoding`) can change how the next request is read.
struct RequestHead: Equatable, Sendable {
    let method: String
    /// The request target exactly as sent, still percent-encoded (`/a%20b.html?x=1`).
    let target: String
    let version: String

    /// The largest head (request line and header fields) accepted; browsers send a few hundred bytes.
    static let maximumBytes = 16_384

    /// Parses the bytes before the blank line; nil unless the first line is `METHOD SP target SP HTTP/1.x`
    /// with a token for the method and no control character anywhere in it.
    init?(_ head: ArraySlice<UInt8>) {
        let lineEnd = head.firstIndex(of: UInt8(ascii: "\r")) ?? head.endIndex
        let line = head[head.startIndex..<lineEnd]
        guard !line.contains(where: { $0 < 0x21 && $0 != UInt8(ascii: " ") || $0 == 0x7F }) else { return nil }
        let parts = line.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
        guard parts.count == 3, !parts[0].isEmpty, !parts[1].isEmpty,
            parts[0].allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) })
        else { return nil }
        let version = String(decoding: parts[2], as: UTF8.self)
        guard version == "HTTP/1.1" || version == "HTTP/1.0" else { return nil }
        method = String(decoding: parts[0], as: UTF8.self)
        target = String(decoding: parts[1], as: UTF8.self)
        self.version = version
    }

    /// The index just past the blank line ending the head in `bytes`, or nil while it has not arrived.
    static func end(in bytes: [UInt8], searchingFrom start: Int = 0) -> Int? {
        guard bytes.count >= 4 else { return nil }
        var index = max(0, start - 3)
        while index + 3 < bytes.count {
            if bytes[index] == 13 && bytes[index + 1] == 10 && bytes[index + 2] == 13 && bytes[index + 3] == 10 {
                return index + 4
            }
            index += 1
        }
        return nil
    }
}
