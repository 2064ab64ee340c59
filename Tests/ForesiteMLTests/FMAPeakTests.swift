import Testing

@testable import ForesiteML

@Suite struct FMAPeakTests {
    /// Every unit measures a plausible throughput: more than a FLOP per nanosecond, less than a
    /// thousand (a probe whose loop was optimised away would report far more).
    @Test func everyUnitTheCPUHasMeasuresAPlausiblePeak() {
        var units: [FMAPeak.Unit] = [.portable]
        if FMAPeak.widest != .portable { units.append(.avx2) }
        if FMAPeak.widest == .avx512 { units.append(.avx512) }
        for unit in units {
            let peak = FMAPeak.measure(unit: unit, trials: 2, seconds: 0.005)
            #expect(peak.unit == unit)
            #expect(peak.flopsPerSecond > 1e9 && peak.flopsPerSecond < 1e12, "\(unit): \(peak.flopsPerSecond)")
        }
    }
}
