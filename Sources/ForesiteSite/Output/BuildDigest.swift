/// A 128-bit fingerprint of a build input or output: what the build cache compares to decide that a file
/// need not be made again.
///
/// Two independent 64-bit lanes (xxHash64's round and avalanche, with different primes and rotations per
/// lane) over the bytes and typed fields fed in, each field with its length, so "ab" + "c" and "a" + "bc"
/// differ. Not cryptographic: it guards against accidental change, not against an adversary, and runs at
/// gigabytes per second where `SHA256` manages tens of megabytes.
struct BuildDigest: Hashable, Sendable, CustomStringConvertible {
    var high: UInt64
    var low: UInt64

    var description: String {
        let text = String(high, radix: 16) + ":" + String(low, radix: 16)
        return text
    }

    /// The digest of `bytes` alone.
    static func of(_ bytes: [UInt8]) -> BuildDigest {
        var hasher = BuildHasher()
        hasher.add(bytes)
        return hasher.digest
    }
}

/// Feeds fields into a `BuildDigest`.
struct BuildHasher {
    private var a: UInt64 = 0x243F_6A88_85A3_08D3
    private var b: UInt64 = 0x1319_8A2E_0370_7344
    private var count: UInt64 = 0

    private static let primeA1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let primeA2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let primeB1: UInt64 = 0xFF51_AFD7_ED55_8CCD
    private static let primeB2: UInt64 = 0xC4CE_B9FE_1A85_EC53

    init() {}

    mutating func add(word: UInt64) {
        a = Self.rotate(a &+ word &* Self.primeA2, 31) &* Self.primeA1
        b = Self.rotate(b &+ word &* Self.primeB2, 27) &* Self.primeB1
        count &+= 1
    }

    mutating func add(_ value: Int) { add(word: UInt64(bitPattern: Int64(value))) }
    mutating func add(_ value: Bool) { add(word: value ? 1 : 0) }
    /// The bit pattern: -0.0 and 0.0 differ, as they may in text.
    mutating func add(_ value: Double) { add(word: value.bitPattern) }

    mutating func add(_ text: String) {
        var text = text
        text.withUTF8 { add(UnsafeRawBufferPointer($0)) }
    }

    mutating func add(_ text: String?) {
        guard let text else { return add(word: 0x6E69_6C) }
        add(word: 1)
        add(text)
    }

    mutating func add(_ digest: BuildDigest) {
        add(word: digest.high)
        add(word: digest.low)
    }

    mutating func add(_ bytes: [UInt8]) { bytes.withUnsafeBytes { add($0) } }

    /// The length, then the bytes eight at a time, the tail zero-padded.
    mutating func add(_ bytes: UnsafeRawBufferPointer) {
        add(word: UInt64(bytes.count))
        var offset = 0
        while offset + 8 <= bytes.count {
            add(word: UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self)))
            offset += 8
        }
        if offset < bytes.count {
            var tail: UInt64 = 0
            for index in offset..<bytes.count { tail |= UInt64(bytes[index]) << UInt64(8 * (index - offset)) }
            add(word: tail)
        }
    }

    var digest: BuildDigest {
        BuildDigest(
            high: Self.avalanche(a ^ count &* Self.primeA1, Self.primeA2),
            low: Self.avalanche(b ^ count &* Self.primeB1, Self.primeB2))
    }

    private static func rotate(_ value: UInt64, _ bits: UInt64) -> UInt64 { (value << bits) | (value >> (64 - bits)) }

    private static func avalanche(_ value: UInt64, _ prime: UInt64) -> UInt64 {
        var hash = value
        hash ^= hash >> 33
        hash &*= prime
        hash ^= hash >> 29
        hash &*= 0x1656_67B1_9E37_79F9
        hash ^= hash >> 32
        return hash
    }
}
