import ForesiteCore
import Foundation
import Testing

@testable import ForesiteSite

@Suite("Chart scales, ticks and number formats")
struct ChartScaleTests {
    @Test(
        "nice ticks enclose the data at round steps",
        arguments: [
            (0.0, 10.0, [0.0, 2, 4, 6, 8, 10]),
            (3.2, 97.5, [0.0, 20, 40, 60, 80, 100]),
            (170.4, 221.7, [170.0, 180, 190, 200, 210, 220, 230]),
            (-0.7, 0.45, [-0.75, -0.5, -0.25, 0, 0.25, 0.5]),
        ])
    func niceTicks(low: Double, high: Double, expected: [Double]) {
        let ticks = NiceTicks.covering(low...high, count: 5)
        #expect(ticks.count == expected.count)
        for (tick, wanted) in zip(ticks, expected) { #expect(abs(tick - wanted) < 1e-9) }
        #expect(ticks.first! <= low && ticks.last! >= high)
    }

    @Test func niceStepsAreOneTwoTwoAndAHalfOrFive() {
        for span in [0.013, 0.9, 7.0, 43.0, 380.0, 95_000.0] {
            let step = NiceTicks.step(span: span, count: 5)
            let mantissa = step / pow10(step)
            #expect([1.0, 2.0, 2.5, 5.0, 10.0].contains { abs($0 - mantissa) < 1e-9 }, "step \(step) for span \(span)")
        }
    }

    @Test func constantSeriesStillGetsAnAxis() {
        let ticks = NiceTicks.covering(50...50)
        #expect(ticks.count >= 2)
        #expect(ticks.first! < 50 && ticks.last! > 50)
    }

    @Test func verticalScaleFlipsAndMapsTicksToTheEdges() {
        let (scale, ticks) = LinearScale.vertical(covering: [12, 88], top: 10, bottom: 210)
        #expect(abs(scale(ticks.first!) - 210) < 1e-9)
        #expect(abs(scale(ticks.last!) - 10) < 1e-9)
        #expect(scale(50) < scale(20))
    }

    @Test func degenerateDomainDoesNotDivideByZero() {
        let scale = LinearScale(domain: 5...5, start: 0, end: 100)
        #expect(abs(scale(5) - 50) < 1e-9)
    }

    @Test func thousandsSeparatorsAndCurrency() {
        #expect(NumberFormat.grouped(1_234_567.891, decimals: 2) == "1,234,567.89")
        #expect(NumberFormat.grouped(999, decimals: 0) == "999")
        #expect(NumberFormat.grouped(-1000, decimals: 0) == "-1,000")
        #expect(NumberFormat.currency(95_123.4) == "$95,123")
        #expect(NumberFormat.currency(196.234) == "$196.23")
        #expect(NumberFormat.currency(0.51234) == "$0.5123")
        #expect(NumberFormat.currency(-3.1) == "-$3.10")
        #expect(NumberFormat.roundedCurrency(195.6) == "$196")
        #expect(NumberFormat.signedPercent(0.0123) == "+1.2 %")
        #expect(NumberFormat.signedPercent(-0.05) == "−5.0 %")
        #expect(NumberFormat.percent(0.8) == "80 %")
        #expect(NumberFormat.currency(.nan) == "–")
    }

    @Test(arguments: [
        (1_234_567.891, 2, "1,234,567.89", "1234567.89"), (999.999, 2, "1,000.00", "1000"),
        (-0.001, 2, "0.00", "0"), (-1.5, 0, "-2", "-2"), (0.05, 1, "0.1", "0.1"), (100, 2, "100.00", "100"),
        (-1_000_000, 0, "-1,000,000", "-1000000"), (0.000_5, 4, "0.0005", "0.0005"), (12.3, 6, "12.300000", "12.3"),
        (1e16, 0, "10,000,000,000,000,000", "10000000000000000"),
    ])
    func digitsAreWrittenLikePrintf(value: Double, decimals: Int, grouped: String, compact: String) {
        #expect(NumberFormat.grouped(value, decimals: decimals) == grouped)
        #expect(NumberFormat.compact(value, decimals: decimals) == compact)
        // Like printf, except that a value rounding to zero carries no minus sign.
        let printf = String(format: "%.\(decimals)f", value)
        let expected = NumberFormat.isZero(printf) ? printf.replacingOccurrences(of: "-", with: "") : printf
        #expect(NumberFormat.fixed(value, decimals: decimals) == expected)
    }

    @Test func coordinatesAreShortAndStable() {
        #expect(NumberFormat.coordinate(12.0) == "12")
        #expect(NumberFormat.coordinate(12.3456) == "12.35")
        #expect(NumberFormat.coordinate(-0.001) == "0")
    }

    private func pow10(_ value: Double) -> Double {
        var magnitude = 1.0
        while magnitude * 10 <= value * (1 + 1e-12) { magnitude *= 10 }
        while magnitude > value * (1 + 1e-12) { magnitude /= 10 }
        return magnitude
    }
}
