import ForesiteCore

/// A stable hash of a forecast's input window: the same days and the same values give the same text on
/// every run and platform (unlike `Hasher`, which is seeded per process).
///
/// FNV-1a over 64 bits of the days and the exact bit patterns of the values. It identifies inputs for
/// the ledger's idempotency check; it is not a cryptographic commitment.
public enum WindowFingerprint {
    public static func of(days: [Day], rows: [[Double]]) -> String {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ word: UInt64) {
            for shift in stride(from: 0, to: 64, by: 8) {
                hash ^= (word >> UInt64(shift)) & 0xFF
                hash = hash &* 0x0000_0100_0000_01B3
            }
        }
        mix(UInt64(days.count))
        for day in days { mix(UInt64(bitPattern: Int64(day.daysSinceEpoch))) }
        for row in rows {
            mix(UInt64(row.count))
            for value in row { mix(UInt64(value.bitPattern)) }
        }
        return String(hash, radix: 16).leftPadded(to: 16)
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}
