extension Double {
    /// Appends the UTF-8 of `String(self)` to `bytes` without making that string: a price's 16–17 digits
    /// are past a small string's 15 bytes, so each would be allocated, and the ledger's chain check writes
    /// eight numbers for each of a year's 30,000 rows per target.
    public func appendDescription(to bytes: inout [UInt8]) {
        // `write(to:)` prints a NaN's payload (the debug form); `description` does not.
        guard !isNaN else {
            bytes.append(contentsOf: String(self).utf8)
            return
        }
        // The array moves into the stream and back (a swap, never a copy).
        var stream = ByteStream(bytes: [])
        swap(&stream.bytes, &bytes)
        write(to: &stream)
        swap(&stream.bytes, &bytes)
    }
}

/// A text stream into a byte array. `_writeASCII` is the standard library's hook for a number's digits:
/// without it they would be made into a `String` first.
private struct ByteStream: TextOutputStream {
    var bytes: [UInt8]

    mutating func write(_ string: String) { bytes.append(contentsOf: string.utf8) }

    mutating func _writeASCII(_ buffer: UnsafeBufferPointer<UInt8>) { bytes.append(contentsOf: buffer) }
}
