extension SHA256 {
    /// SHA-256 of a message given a piece at a time, whose digest so far can be read at any point: the
    /// ledger's read digests its first rows and all of them in one pass (`LedgerVerificationMemo`).
    public struct Stream {
        private let implementation: Implementation
        private var state = Digest.initial
        /// Bytes not yet through the compression function: fewer than `flushSize` (then whole blocks go).
        private var pending: [UInt8] = []
        private var compressed = 0

        /// Pieces are gathered up to this many bytes, then their whole blocks compressed in one call.
        private static let flushSize = 1 << 16

        public init(using implementation: Implementation = SHA256.preferred) {
            self.implementation = implementation
            pending.reserveCapacity(Self.flushSize + 1024)
        }

        /// How many bytes have been appended.
        public var length: Int { compressed + pending.count }

        public mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
            pending.append(contentsOf: bytes)
            if pending.count >= Self.flushSize { flush() }
        }

        /// The digest of every byte appended so far; appending may go on after it.
        public var digest: Digest {
            var state = state
            pending.withUnsafeBytes { SHA256.finish(&state, $0, length: length, using: implementation) }
            return state
        }

        private mutating func flush() {
            let blocks = pending.count / 64
            pending.withUnsafeBytes { SHA256.compress(&state, $0.baseAddress!, blocks: blocks, using: implementation) }
            compressed += blocks * 64
            pending.removeFirst(blocks * 64)
        }
    }
}
