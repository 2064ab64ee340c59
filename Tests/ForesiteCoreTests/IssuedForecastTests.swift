import ForesiteCore
import Testing

/// The one shape of a day's forecast: to the ledger's rows and back without losing anything.
struct IssuedForecastTests {
    private func issued(_ model: ModelID, madeOn iso: String, medians: [Double]) -> IssuedForecast {
        let madeOn = Day(iso: iso)!
        let origin = madeOn.adding(days: -1)
        return IssuedForecast(
            model: model, modelVersion: "\(model) v1", madeOn: madeOn, origin: origin, targetGroup: "solana",
            field: "close", reference: 100, inputHash: "abc",
            steps: medians.enumerated().map { index, median in
                IssuedForecast.Step(
                    horizon: index + 1, targetDay: origin.adding(days: index + 1),
                    forecast: QuantileForecast(
                        median: median, intervals: [.init(level: 0.8, lower: median - 5, upper: median + 5)]))
            })
    }

    @Test func ledgerRowsGroupBackIntoTheForecastsByDayThenModel() throws {
        let lstm = issued("lstm", madeOn: "2025-01-02", medians: [101, 102, 103])
        let persistence = issued(.persistence, madeOn: "2025-01-02", medians: [100, 100, 100])
        let earlier = issued(.persistence, madeOn: "2025-01-01", medians: [99, 99, 99])
        // Rows in chain order, one forecast's horizons shuffled: grouping sorts them.
        let rows = persistence.records + lstm.records.reversed() + earlier.records
        #expect(rows.count == 9 && rows.allSatisfy { $0.targetGroup == "solana" && $0.inputHash == "abc" })
        #expect(IssuedForecast.grouping(rows) == [earlier, lstm, persistence])
        // A forecast whose rows are not together (another forecast's between them) is still one forecast.
        let interleaved =
            [persistence.records[0]] + lstm.records + persistence.records.dropFirst() + earlier.records
        #expect(IssuedForecast.grouping(interleaved) == [earlier, lstm, persistence])
        #expect(lstm.step(horizon: 2)?.median == 102 && lstm.step(horizon: 4) == nil)
        // Rows already in order (as a ledger mostly is) group into the same forecasts.
        #expect(
            IssuedForecast.grouping(earlier.records + lstm.records + persistence.records) == [
                earlier, lstm, persistence,
            ])
    }

    @Test func aCollectionIsSortedWhenNoElementComesBeforeTheOneAheadOfIt() {
        #expect([Int]().isSorted(by: <) && [3].isSorted(by: <))
        #expect([1, 2, 2, 5].isSorted(by: <))
        #expect(![1, 3, 2].isSorted(by: <) && ![2, 1].isSorted(by: <))
        #expect([5, 2, 2, 1].isSorted(by: >) && ![1, 1, 0, 2].isSorted(by: <))
    }
}
