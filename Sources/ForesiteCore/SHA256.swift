import CSHA256
import Foundation

/// SHA-256 (FIPS 180-4), so model artifacts, the store's content and the ledger's hash chain can be
/// fingerprinted without a crypto dependency. Not used for secrets.
///
/// Every site build re-hashes every ledger row of every target (some 30,000 rows of ~330 bytes a year per
/// target), so the blocks go through the CPU's SHA extensions when it has them (`CSHA256`), else a
/// Swift loop with no allocation per block; the message is hashed where it lies, only its last one or two
/// padded blocks are copied (to the stack).
public enum SHA256 {
    public enum Implementation: Hashable, Sendable {
        /// x86 SHA extensions (SHA-NI), about 2 cycles a byte.
        case shaExtensions
        /// Portable Swift, about 10 cycles a byte.
        case scalar
    }

    /// Chosen once per process from the CPU's features. `FORESITE_SHA256=scalar` picks the portable code
    /// (to measure a CPU without the extensions).
    public static let preferred: Implementation =
        foresite_sha256_extensions_supported() != 0
            && ProcessInfo.processInfo.environment["FORESITE_SHA256"] != "scalar"
        ? .shaExtensions : .scalar

    /// Every implementation this CPU can run, the preferred one first.
    public static var available: [Implementation] {
        foresite_sha256_extensions_supported() != 0
            ? [preferred, preferred == .scalar ? .shaExtensions : .scalar]
            : [.scalar]
    }

    /// The lowercase hex digest of `bytes`.
    public static func hex(_ bytes: some Sequence<UInt8>) -> String {
        if let text = bytes.withContiguousStorageIfAvailable({ hash(UnsafeRawBufferPointer($0)).hex }) { return text }
        return Array(bytes).withUnsafeBytes { hash($0).hex }
    }

    public static func hex(_ text: String) -> String {
        var text = text
        return text.withUTF8 { hash(UnsafeRawBufferPointer($0)).hex }
    }

    /// The 32-byte digest of `message`.
    public static func digest(_ message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { hash($0).bytes }
    }

    /// The digest of the bytes in `message`, through `implementation` (the preferred one by default).
    public static func hash(_ message: UnsafeRawBufferPointer, using implementation: Implementation = preferred)
        -> Digest
    {
        var state = Digest.initial
        finish(&state, message, length: message.count, using: implementation)
        return state
    }

    /// Runs the rest of a message, `rest`, through `state` and pads it: `length` is the whole message's
    /// length in bytes, of which the bytes before `rest` have already been through `state`.
    static func finish(
        _ state: inout Digest, _ rest: UnsafeRawBufferPointer, length: Int, using implementation: Implementation
    ) {
        let fullBlocks = rest.count / 64
        if fullBlocks > 0 { compress(&state, rest.baseAddress!, blocks: fullBlocks, using: implementation) }
        // The tail, 0x80, zeros and the message's length in bits (big-endian) fill one or two last blocks.
        let tail = rest.count - fullBlocks * 64
        let lastBlocks = tail < 56 ? 1 : 2
        withUnsafeTemporaryAllocation(byteCount: 128, alignment: 16) { padded in
            let padded = padded.baseAddress!
            if tail > 0 { padded.copyMemory(from: rest.baseAddress! + fullBlocks * 64, byteCount: tail) }
            padded.storeBytes(of: 0x80, toByteOffset: tail, as: UInt8.self)
            (padded + tail + 1).initializeMemory(as: UInt8.self, repeating: 0, count: lastBlocks * 64 - 8 - tail - 1)
            padded.storeBytes(
                of: (UInt64(length) &* 8).bigEndian, toByteOffset: lastBlocks * 64 - 8, as: UInt64.self)
            compress(&state, UnsafeRawPointer(padded), blocks: lastBlocks, using: implementation)
        }
    }

    /// Runs `blocks` 64-byte blocks from `data` through the compression function.
    static func compress(
        _ state: inout Digest, _ data: UnsafeRawPointer, blocks: Int, using implementation: Implementation
    ) {
        switch implementation {
        case .shaExtensions:
            withUnsafeMutablePointer(to: &state.words) { words in
                words.withMemoryRebound(to: UInt32.self, capacity: 8) { words in
                    foresite_sha256_blocks_extensions(words, data.assumingMemoryBound(to: UInt8.self), blocks)
                }
            }
        case .scalar:
            compressScalar(&state, data, blocks: blocks)
        }
    }

    /// FIPS 180-4 §6.2.2 in Swift: the working variables in registers, the message schedule in one stack
    /// buffer reused for every block.
    static func compressScalar(_ state: inout Digest, _ data: UnsafeRawPointer, blocks: Int) {
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            let w = schedule.baseAddress!
            roundConstants.withUnsafeBufferPointer { constants in
                let k = constants.baseAddress!
                var (h0, h1, h2, h3, h4, h5, h6, h7) = state.words
                for block in 0..<blocks {
                    let bytes = data + block * 64
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: bytes.loadUnaligned(fromByteOffset: 4 * i, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let x = w[i - 15]
                        let y = w[i - 2]
                        let s0 = rotr(x, 7) ^ rotr(x, 18) ^ (x >> 3)
                        let s1 = rotr(y, 17) ^ rotr(y, 19) ^ (y >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
                    // Eight rounds per pass with the roles rotated in the arguments, so no variable is copied.
                    for i in stride(from: 0, to: 64, by: 8) {
                        round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                        round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                        round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                        round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
                        round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
                        round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
                        round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
                    }
                    h0 &+= a
                    h1 &+= b
                    h2 &+= c
                    h3 &+= d
                    h4 &+= e
                    h5 &+= f
                    h6 &+= g
                    h7 &+= h
                }
                state.words = (h0, h1, h2, h3, h4, h5, h6, h7)
            }
        }
    }

    /// One round (FIPS 180-4 §6.2.2 step 3) with the eight working variables named by role; `d` and `h`
    /// become the new e and a.
    @inline(__always)
    private static func round(
        _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
        _ h: inout UInt32, _ constantPlusWord: UInt32
    ) {
        let t1 = h &+ (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) &+ (g ^ (e & (f ^ g))) &+ constantPlusWord
        d &+= t1
        h = t1 &+ (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) &+ ((a & b) | (c & (a | b)))
    }

    @inline(__always)
    private static func rotr(_ x: UInt32, _ n: UInt32) -> UInt32 { (x >> n) | (x << (32 - n)) }

    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]
}
