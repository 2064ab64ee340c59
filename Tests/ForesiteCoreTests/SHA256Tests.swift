import Testing

@testable import ForesiteCore

struct SHA256Tests {
    /// The FIPS 180-4 / NIST CAVP examples and the two-block boundary (55/56/64 bytes pad differently).
    static let vectors: [(String, String)] = [
        ("", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"),
        ("abc", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"),
        (
            "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq",
            "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1"
        ),
        (
            "abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmnhijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrst"
                + "nopqrstu",
            "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1"
        ),
        (String(repeating: "a", count: 64), "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (
            String(repeating: "a", count: 1_000_000),
            "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0"
        ),
    ]

    @Test(arguments: vectors)
    func knownDigests(input: String, expected: String) {
        #expect(SHA256.hex(input) == expected)
        #expect(SHA256.hex(Array(input.utf8)) == expected)
        #expect(SHA256.hex(input.utf8.lazy.map { $0 }) == expected)
    }

    /// Each implementation this CPU runs (SHA extensions and the Swift loop), whatever `FORESITE_SHA256` says.
    @Test(arguments: SHA256.available)
    func everyImplementationGivesTheKnownDigests(_ implementation: SHA256.Implementation) {
        for (input, expected) in Self.vectors {
            let digest = Array(input.utf8).withUnsafeBytes { SHA256.hash($0, using: implementation) }
            #expect(digest.hex == expected, "\(input.prefix(20))… (\(input.utf8.count) bytes)")
            #expect(digest.matches(hex: expected))
        }
    }

    /// Every length from 0 to 200 bytes (every padding case, up to four blocks), starting at every offset of
    /// a word, against the implementation this one replaced.
    @Test(arguments: SHA256.available)
    func matchesTheReferenceAtEveryLength(_ implementation: SHA256.Implementation) {
        var generator = SeededGenerator(seed: 180)
        let bytes = (0..<208).map { _ in UInt8.random(in: 0...255, using: &generator) }
        for length in 0...200 {
            for offset in 0..<4 {
                let message = Array(bytes[offset..<offset + length])
                let expected = ReferenceSHA256.digest(message)
                let digest = bytes.withUnsafeBytes {
                    SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[offset..<offset + length]), using: implementation)
                }
                #expect(digest.bytes == expected, "\(length) bytes at offset \(offset)")
            }
            let message = Array(bytes[0..<length])
            #expect(SHA256.digest(message) == ReferenceSHA256.digest(message))
            #expect(SHA256.hex(message) == ReferenceSHA256.hex(message))
        }
    }

    @Test func aDigestMatchesOnlyItsOwnLowercaseHex() {
        let digest = Array("abc".utf8).withUnsafeBytes { SHA256.hash($0) }
        let hex = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        #expect(digest.matches(hex: hex))
        #expect(!digest.matches(hex: hex.uppercased()))
        #expect(!digest.matches(hex: String(hex.dropLast()) + "e"))
        #expect(!digest.matches(hex: String(hex.dropLast())))
        #expect(!digest.matches(hex: hex + "0"))
        #expect(!digest.matches(hex: ""))
    }

    /// Pieces of every size, across the 64-byte blocks and the stream's flushes: the digest read at any
    /// point is the one-shot digest of everything appended until then.
    @Test(arguments: SHA256.available)
    func aStreamsDigestIsThatOfEverythingAppendedSoFar(implementation: SHA256.Implementation) {
        var generator = SeededGenerator(seed: 7)
        let message = (0..<300_000).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
        var stream = SHA256.Stream(using: implementation)
        #expect(stream.digest == message.withUnsafeBytes { SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[0..<0])) })
        var offset = 0
        var piece = 0
        while offset < message.count {
            let size = min(message.count - offset, [1, 0, 63, 64, 65, 7, 4_097, 70_000][piece % 8])
            message.withUnsafeBufferPointer {
                stream.append(UnsafeBufferPointer(rebasing: $0[offset..<(offset + size)]))
            }
            offset += size
            piece += 1
            #expect(stream.length == offset)
            if piece % 5 == 0 || offset == message.count {
                let expected = message.withUnsafeBytes {
                    SHA256.hash(UnsafeRawBufferPointer(rebasing: $0[0..<offset]), using: implementation)
                }
                #expect(stream.digest == expected, "after \(offset) bytes")
            }
        }
        let more: [UInt8] = [0xAB, 0x04, 0x03, 0x02, 0x01]
        more.withUnsafeBufferPointer { stream.append($0) }
        let tail: [UInt8] = message + more
        #expect(stream.digest == tail.withUnsafeBytes { SHA256.hash($0, using: implementation) })
    }
}
