import ForesiteCore
import Testing

@testable import ForesiteML

@Suite struct ScalerTests {
    @Test(arguments: [false, true])
    func scalersInvert(standard: Bool) {
        var generator = SeededGenerator(seed: 3)
        let rows = (0..<50).map { _ in [generator.nextUnit() * 250, 1e6 * generator.nextUnit(), 42] }
        let scaler = standard ? Scaler.fitStandard(rows: rows, columns: 3) : Scaler.fitMinMax(rows: rows, columns: 3)
        for row in rows {
            let back = scaler.inverse(row: scaler.transform(row: row))
            for (x, y) in zip(row, back) {
                #expect(abs(x - y) <= 1e-14 * max(abs(x), 1))
            }
        }
    }

    @Test func minMaxMatchesScikitLearn() {
        let scaler = Scaler.fitMinMax(rows: [[1, 5], [3, 5], [2, 5]], columns: 2)
        #expect(scaler.transform(row: [1, 5]) == [0, 0])
        #expect(scaler.transform(row: [3, 5]) == [1, 0])
        #expect(scaler.transform(2, column: 0) == 0.5)
        // A constant column keeps a unit range, as scikit-learn's `_handle_zeros_in_scale`.
        #expect(scaler.transform(7, column: 1) == 2)
    }

    @Test func standardUsesThePopulationDeviation() {
        let scaler = Scaler.fitStandard(rows: [[1], [3]], columns: 1)
        #expect(scaler == .standard(mean: [2], deviation: [1]))
        #expect(scaler.transform(4, column: 0) == 2)
    }

    @Test func returnsTargetsZeroIsTheNaiveForecast() {
        let transform = TargetTransform(mode: .returns, scaler: .standard(mean: [0, 0], deviation: [0.1, 0.2]))
        #expect(transform.decode(outputs: [Float(0), 0], reference: 150) == [150, 150])
        let encoded = transform.encode(prices: [165, 120], reference: 150)
        let decoded = transform.decode(outputs: encoded.map { Float($0) }, reference: 150)
        #expect(abs(decoded[0] - 165) < 1e-4 && abs(decoded[1] - 120) < 1e-4)
    }
}
