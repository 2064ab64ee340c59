import ForesiteForecast
import Testing

@Suite struct BaselineTests {
    @Test func naiveRepeatsTheLastValue() throws {
        #expect(try Baseline.naive.forecast(history: [1, 2, 3], horizon: 3) == [3, 3, 3])
    }

    @Test func driftExtendsTheLineThroughTheWindowsEnds() throws {
        // Last three values 1, 2, 5: slope (5 − 1) / 2 = 2.
        #expect(try Baseline.drift(window: 3).forecast(history: [10, 1, 2, 5], horizon: 3) == [7, 9, 11])
        // A window equal to the history uses all of it.
        #expect(try Baseline.drift(window: 2).forecast(history: [4, 3], horizon: 2) == [2, 1])
    }

    @Test func tooLittleHistoryIsAnError() {
        #expect(throws: ForecastError.tooLittleHistory(method: "naive", needed: 1, available: 0)) {
            try Baseline.naive.forecast(history: [Double](), horizon: 1)
        }
        #expect(throws: ForecastError.tooLittleHistory(method: "drift(5)", needed: 5, available: 3)) {
            try Baseline.drift(window: 5).forecast(history: [1, 2, 3], horizon: 1)
        }
    }

    @Test func unusableSettingsAreErrors() {
        #expect(throws: ForecastError.self) { try Baseline.drift(window: 1).forecast(history: [1, 2], horizon: 1) }
        #expect(throws: ForecastError.self) { try Baseline.naive.forecast(history: [1], horizon: 0) }
    }
}
