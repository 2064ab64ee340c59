import ForesiteCore
import ForesiteForecast
import Testing

@Suite struct DriftTests {
    @Test func driftExtendsTheLineThroughTheWindowsEnds() throws {
        // Last three values 1, 2, 5: slope (5 − 1) / 2 = 2.
        #expect(try Drift(window: 3).line(history: [10, 1, 2, 5], horizon: 3) == [7, 9, 11])
        // A window equal to the history uses all of it.
        #expect(try Drift(window: 2).line(history: [4, 3], horizon: 2) == [2, 1])
    }

    @Test func quantilesArePersistencesMovedOntoTheLine() throws {
        let persistence = Persistence(minimumChanges: 4)
        let days = PersistenceTests.days
        let closes = PersistenceTests.closes
        let spread = try persistence.forecast(days: days, reference: closes, target: closes, origin: 9, horizon: 2)
        let drift = try Drift(window: 3, persistence: persistence).forecast(
            days: days, reference: closes, target: closes, origin: 9, horizon: 2)
        // Last three closes 120, 114, 118: slope −1, so the medians are 117 and 116.
        #expect(drift.map(\.median) == [117, 116])
        for (moved, original) in zip(drift, spread) {
            #expect(moved.isNonCrossing)
            for (a, b) in zip(moved.intervals, original.intervals) {
                #expect(a.level == b.level)
                #expect(abs(a.width - b.width) < 1e-9)
                #expect(abs((a.lower - moved.median) - (b.lower - original.median)) < 1e-9)
            }
        }
    }

    @Test func tooLittleHistoryIsAnError() {
        #expect(throws: ForecastError.tooLittleHistory(method: "drift(5)", needed: 5, available: 3)) {
            try Drift(window: 5).line(history: [1, 2, 3], horizon: 1)
        }
    }

    @Test func unusableSettingsAreErrors() {
        #expect(throws: ForecastError.self) { try Drift(window: 1).line(history: [1, 2], horizon: 1) }
        #expect(throws: ForecastError.self) { try Drift(window: 2).line(history: [1, 2], horizon: 0) }
    }
}
