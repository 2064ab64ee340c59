import ForesiteCore
import ForesiteSite
import ForesiteStore
import ForesiteTestSupport
import Testing

@testable import ForesitePipeline

/// The accuracy page's backtest section from a stored backtest: skill tables against persistence.
struct BacktestSummaryLoaderTests {
    let first = StoreFixtures.day("2024-06-01")

    /// 12 origins × 2 horizons per model; `offset` moves the median away from the actual.
    func rows(_ model: String, offset: Double) -> [BacktestForecast] {
        (0..<12).flatMap { day in
            (1...2).map { horizon in
                let origin = first.adding(days: day)
                let actual = 100 + Double(day % 5)
                let median = actual + offset * Double(horizon) * (day.isMultiple(of: 2) ? 1 : -1)
                return BacktestForecast(
                    model: ModelID(model), origin: origin, horizon: horizon, targetDay: origin.adding(days: horizon),
                    forecast: QuantileForecast(
                        median: median,
                        intervals: [
                            PredictionInterval(level: 0.5, lower: median - 1, upper: median + 1),
                            PredictionInterval(level: 0.8, lower: median - 2, upper: median + 2),
                            PredictionInterval(level: 0.95, lower: median - 3, upper: median + 3),
                        ]),
                    actual: actual)
            }
        }
    }

    func record(_ forecasts: [BacktestForecast]) -> BacktestRecord {
        BacktestRecord(
            createdAt: "2024-07-01T00:00:00Z", fromDay: first, toDay: first.adding(days: 11), retrainEvery: 30,
            ensemble: 1,
            settingsJSON: #"{"levels":[0.5,0.8,0.95],"modes":["seed","returns"],"persistenceWindow":365,"#
                + #""target":"solana.close"}"#,
            forecasts: forecasts)
    }

    @Test func oneTablePerModelOtherThanPersistenceBestFirst() throws {
        let stored = record(
            rows("drift", offset: 0.5) + rows("lstm-returns", offset: 0.25) + rows("lstm-seed", offset: 2)
                + rows("persistence", offset: 1))
        let summary = BacktestSummaryLoader.backtestSummary(stored)
        #expect(summary.modelNames == ["lstm-returns", "drift", "lstm-seed"])
        let ratios = summary.tables.map(\.overall.relativeWIS)
        #expect(ratios == ratios.sorted())
        for table in summary.tables {
            #expect(table.from == first)
            #expect(table.to == first.adding(days: 11))
            #expect(table.horizons.map(\.horizon) == [1, 2])
            #expect(table.overall.pairs == 24)
            #expect(table.overall.baseline.count == 24)
        }
        // Errors 2·h for lstm-seed against persistence's 1·h: worse; lstm-returns' 0.25·h: better.
        #expect(try #require(summary.tables.last).overall.relativeWIS > 1)
        #expect(try #require(summary.tables.first).overall.relativeWIS < 1)
        #expect(
            summary.settings.map(\.name) == [
                "origins", "retrain every", "ensemble", "target", "intervals", "persistence window",
            ])
        #expect(summary.settings[0].value == "12")
        #expect(summary.settings[4].value == "50 %, 80 %, 95 %")
    }

    @Test func anArchiveWithoutPersistenceHasNoTables() {
        let summary = BacktestSummaryLoader.backtestSummary(record(rows("lstm-returns", offset: 1)))
        #expect(summary.tables.isEmpty)
        #expect(summary.from == first)
    }
}
