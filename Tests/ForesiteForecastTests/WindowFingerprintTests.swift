import ForesiteCore
import ForesiteForecast
import Testing

@Suite struct WindowFingerprintTests {
    let days = [Day(iso: "2024-01-01")!, Day(iso: "2024-01-02")!]
    let rows: [[Double]] = [[1, 2.5], [3, 4]]

    @Test func sameInputsGiveTheSameTextOnEveryRun() {
        let fingerprint = WindowFingerprint.of(days: days, rows: rows)
        #expect(fingerprint.count == 16)
        // Pinned (and checked with an independent Python FNV-1a) so a change to the hash, which would make
        // the ledger see every past input as new, is noticed.
        #expect(fingerprint == WindowFingerprint.of(days: days, rows: rows))
        #expect(fingerprint == "bdceb6ee7d4a2475")
    }

    @Test func anyChangedValueOrDayChangesIt() {
        let base = WindowFingerprint.of(days: days, rows: rows)
        #expect(WindowFingerprint.of(days: days, rows: [[1, 2.5], [3, 4.000_000_000_1]]) != base)
        #expect(WindowFingerprint.of(days: days.map { $0.adding(days: 1) }, rows: rows) != base)
        #expect(WindowFingerprint.of(days: days, rows: [[1, 2.5, 3], [4]]) != base)
    }
}
