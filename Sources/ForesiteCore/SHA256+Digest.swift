extension SHA256 {
    /// A SHA-256 digest as its eight state words: a fixed-size value, so hashing allocates nothing until a
    /// caller asks for the hex text or the bytes.
    public struct Digest: Hashable, Sendable {
        var words: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32)

        /// FIPS 180-4 §5.3.3: the initial hash value.
        static let initial = Digest(
            words: (
                0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab,
                0x5be0_cd19
            ))

        public static func == (lhs: Digest, rhs: Digest) -> Bool {
            lhs.words.0 == rhs.words.0 && lhs.words.1 == rhs.words.1 && lhs.words.2 == rhs.words.2
                && lhs.words.3 == rhs.words.3 && lhs.words.4 == rhs.words.4 && lhs.words.5 == rhs.words.5
                && lhs.words.6 == rhs.words.6 && lhs.words.7 == rhs.words.7
        }

        public func hash(into hasher: inout Hasher) {
            withUnsafeBytes(of: words) { hasher.combine(bytes: $0) }
        }

        /// The 32 bytes, big-endian words in order.
        public var bytes: [UInt8] {
            [UInt8](unsafeUninitializedCapacity: 32) { buffer, count in
                withUnsafeBytes(of: bigEndianWords) {
                    buffer.baseAddress!.initialize(from: $0.baseAddress!.assumingMemoryBound(to: UInt8.self), count: 32)
                }
                count = 32
            }
        }

        /// The 64 lowercase hex digits.
        public var hex: String {
            String(unsafeUninitializedCapacity: 64) { buffer in
                writeHex(to: UnsafeMutableRawPointer(buffer.baseAddress!))
                return 64
            }
        }

        /// True when `text` is this digest's 64 lowercase hex digits; compares without making a string.
        public func matches(hex text: String) -> Bool {
            var text = text
            return text.withUTF8 { stored in
                guard stored.count == 64 else { return false }
                return withUnsafeTemporaryAllocation(byteCount: 64, alignment: 8) { own in
                    writeHex(to: own.baseAddress!)
                    let stored = UnsafeRawPointer(stored.baseAddress!)
                    for offset in stride(from: 0, to: 64, by: 8)
                    where own.load(fromByteOffset: offset, as: UInt64.self)
                        != stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    {
                        return false
                    }
                    return true
                }
            }
        }

        /// Writes the 64 hex digits at `target`, two a byte from one 256-entry table.
        public func writeHex(to target: UnsafeMutableRawPointer) {
            withUnsafeBytes(of: bigEndianWords) { digest in
                Digest.hexPairs.withUnsafeBufferPointer { pairs in
                    for index in 0..<32 {
                        target.storeBytes(
                            of: pairs[Int(digest[index])], toByteOffset: 2 * index, as: UInt16.self)
                    }
                }
            }
        }

        private var bigEndianWords: (UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32, UInt32) {
            (
                words.0.bigEndian, words.1.bigEndian, words.2.bigEndian, words.3.bigEndian, words.4.bigEndian,
                words.5.bigEndian, words.6.bigEndian, words.7.bigEndian
            )
        }

        /// Each byte's two hex digits as they lie in memory (first digit at the lower address).
        private static let hexPairs: [UInt16] = (0..<256).map { byte in
            let digits = Array("0123456789abcdef".utf8)
            let pair = [digits[byte >> 4], digits[byte & 15]]
            return pair.withUnsafeBytes { $0.loadUnaligned(as: UInt16.self) }
        }
    }
}
