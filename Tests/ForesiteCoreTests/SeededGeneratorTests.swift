import Testing

@testable import ForesiteCore

struct SeededGeneratorTests {
    @Test func sameSeedSameStream() {
        var a = SeededGenerator(seed: 7)
        var b = SeededGenerator(seed: 7)
        var c = SeededGenerator(seed: 8)
        let first = (0..<16).map { _ in a.next() }
        #expect(first == (0..<16).map { _ in b.next() })
        #expect(first != (0..<16).map { _ in c.next() })
    }

    @Test func gaussianHasUnitMoments() {
        var rng = SeededGenerator(seed: 1)
        let n = 200_000
        let draws = (0..<n).map { _ in rng.nextGaussian() }
        let mean = draws.reduce(0, +) / Double(n)
        let variance = draws.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n - 1)
        // Standard error of the mean is 1/sqrt(n) ≈ 0.0022; 5 standard errors is a safe bound.
        #expect(abs(mean) < 0.012)
        #expect(abs(variance - 1) < 0.02)
    }
}
