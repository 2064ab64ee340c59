import ForesiteCore
import ForesiteForecast
import Foundation
import Testing

@Suite struct PersistenceTests {
    static let start = Day(iso: "2024-03-01")!
    static let closes: [Double] = [100, 110, 99, 104, 112, 108, 115, 120, 114, 118]
    static let days = closes.indices.map { start.adding(days: $0) }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(abs(a), abs(b)) }

    /// Hand computation (checked with NumPy's default quantile, which is type 7):
    ///
    /// The nine one-day log changes of the closes, log(c[t+1]/c[t]), are
    /// 0.095310, −0.105361, 0.049271, 0.074108, −0.036368, 0.062801, 0.042560, −0.051293, 0.034486.
    /// With their negatives, 18 sorted values; the upper bound of the 50 % interval is the 0.75 quantile,
    /// at position 17 × 0.75 = 12.75 between sorted[12] = log(104/99) = 0.049271 and
    /// sorted[13] = log(120/114) = 0.051293: q = 0.0507877, upper = 118·e^q = 124.147746,
    /// lower = 118·e^−q = 112.156688. 80 %: position 15.3, q = 0.0804686 (127.887793, 108.876694).
    /// 95 %: position 16.575, q = 0.1010891 (130.552278, 106.654592).
    /// Horizon 2 (eight two-day changes, 16 values): q = 0.0292600, 0.0807250, 0.1166221.
    @Test func quantilesEqualTheHandComputationAndTheMedianIsTheLastClose() throws {
        let persistence = Persistence(window: 365, minimumChanges: 4)
        let forecasts = try persistence.forecast(
            days: Self.days, reference: Self.closes, target: Self.closes, origin: 9, horizon: 2)
        #expect(forecasts.count == 2)
        #expect(forecasts.allSatisfy { $0.median == 118 })
        let expected: [[(level: Double, lower: Double, upper: Double)]] = [
            [
                (0.5, 112.15668775515748, 124.147746145969), (0.8, 108.87669354682225, 127.88779256978451),
                (0.95, 106.65459208825854, 130.55227840989392),
            ],
            [
                (0.5, 114.59734078234058, 121.50369201364299), (0.8, 108.84878585367032, 127.9205816656382),
                (0.95, 105.01073078296439, 132.59597277518284),
            ],
        ]
        for (forecast, levels) in zip(forecasts, expected) {
            #expect(forecast.intervals.map(\.level) == QuantileForecast.standardLevels)
            #expect(forecast.isNonCrossing)
            for (interval, want) in zip(forecast.intervals, levels) {
                #expect(interval.level == want.level)
                #expect(Self.close(interval.lower, want.lower), "\(interval) lower, want \(want.lower)")
                #expect(Self.close(interval.upper, want.upper), "\(interval) upper, want \(want.upper)")
            }
        }
    }

    /// Hand computation: the origin is day 9 (row 8; day 4 is missing), horizon 1, window 5, so the
    /// change origins t are days 4…8, of which day 4 is absent. The changes log(open[t+1] / close[t])
    /// of days 5…8 are log(111/112), log(109/108), log(116/115), log(119/120) = −0.0089687, 0.0092167,
    /// 0.0086581, −0.0083682. Symmetrised, 8 sorted values; the 0.75 quantile is at position 5.25:
    /// 0.0086581 + 0.25 × (0.0089687 − 0.0086581) = 0.0087357, so the 50 % interval is
    /// 114·e^∓q = 113.008466 … 115.000234; the 0.9 quantile at 6.3 is 0.0090431 (112.973738 … 115.035585).
    @Test func onlyTheTrailingWindowOfPairsExactlyHDaysApartCounts() throws {
        let days = [0, 1, 2, 3, 5, 6, 7, 8, 9].map { Self.start.adding(days: $0) }
        let closes: [Double] = [100, 110, 99, 104, 112, 108, 115, 120, 114]
        let opens: [Double] = [101, 100, 111, 98, 103, 111, 109, 116, 119]
        let persistence = Persistence(window: 5, minimumChanges: 4, levels: [0.8, 0.5])
        let changes = try persistence.logChanges(
            days: days, reference: closes, target: opens, origin: 8, horizon: 1)
        #expect(changes.count == 4)
        for (change, want) in zip(changes, [log(111 / 112.0), log(109 / 108.0), log(116 / 115.0), log(119 / 120.0)]) {
            #expect(Self.close(change, want))
        }
        let forecast = try #require(
            try persistence.forecast(days: days, reference: closes, target: opens, origin: 8, horizon: 1).first)
        #expect(forecast.median == 114)
        let fifty = try #require(forecast.interval(level: 0.5))
        #expect(Self.close(fifty.lower, 113.0084657266931))
        #expect(Self.close(fifty.upper, 115.00023397742923))
        let eighty = try #require(forecast.interval(level: 0.8))
        #expect(Self.close(eighty.lower, 112.97373780264638))
        #expect(Self.close(eighty.upper, 115.03558484275956))
    }

    @Test func tooFewChangesAreRefused() {
        let persistence = Persistence()
        #expect(throws: ForecastError.tooLittleHistory(method: "persistence (horizon 1)", needed: 20, available: 9)) {
            try persistence.forecast(
                days: Self.days, reference: Self.closes, target: Self.closes, origin: 9, horizon: 1)
        }
    }

    @Test func noRowAfterTheOriginIsRead() throws {
        let persistence = Persistence(minimumChanges: 4)
        let before = try persistence.forecast(
            days: Self.days, reference: Self.closes, target: Self.closes, origin: 7, horizon: 2)
        let rewritten = Self.closes.enumerated().map { $0.offset > 7 ? $0.element * 3 : $0.element }
        let after = try persistence.forecast(
            days: Self.days, reference: rewritten, target: rewritten, origin: 7, horizon: 2)
        #expect(before == after)
    }

    @Test func empiricalQuantileIsTypeSeven() {
        // R: quantile(c(1, 2, 4, 8), c(0, 0.1, 0.5, 0.9, 1), type = 7) = 1, 1.3, 3, 6.8, 8.
        let sorted: [Double] = [1, 2, 4, 8]
        let values = [0, 0.1, 0.5, 0.9, 1].map { Persistence.empiricalQuantile(sorted: sorted, probability: $0) }
        for (value, want) in zip(values, [1, 1.3, 3, 6.8, 8]) { #expect(abs(value - want) < 1e-12) }
    }
}
