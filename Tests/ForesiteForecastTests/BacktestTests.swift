import ForesiteCore
import ForesiteForecast
import ForesiteML
import Foundation
import Testing

@Suite struct BacktestTests {
    let frame = SyntheticFrame.make()

    @Test func everyOriginGetsEveryModelAndHorizonWithActuals() throws {
        let settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[111], retrainEvery: 5)
        let result = try Backtest.walkForward(frame: frame, settings: settings)
        #expect(result.models == [.lstmReturns, .lstmSeed, .naive, .naiveClose, .drift])
        #expect(result.origins == Array(frame.days[100...111]))
        #expect(result.skippedOrigins.isEmpty)
        #expect(result.forecasts.count == 12 * 5 * 3)
        // Retrainings on days 100, 105, 110, each for both modes, with the ensemble's seeds.
        #expect(result.trainings.map(\.trainedThrough) == [100, 100, 105, 105, 110, 110].map { frame.days[$0] })
        #expect(result.trainings.allSatisfy { $0.seeds == [42, 43] && $0.calibrationWindows > 0 })
        for row in result.forecasts {
            let index = try #require(frame.rowIndex(of: row.targetDay))
            #expect(row.outcome.actual == frame.rows[index][0])
            #expect(row.targetDay == row.origin.adding(days: row.horizon))
            #expect(row.outcome.originValue == frame.rows[try #require(frame.rowIndex(of: row.origin))][0])
            switch row.model {
            case .lstmReturns, .lstmSeed:
                #expect(row.outcome.intervals.map(\.level) == [0.8, 0.95])
                // Origins 100…104 use the day-100 model, 105…109 the day-105 one, and so on.
                let age = row.origin.days(since: try #require(row.trainedThrough))
                #expect((0..<5).contains(age))
            case .naive:
                #expect(row.outcome.predicted == row.outcome.originValue)
                #expect(row.trainedThrough == nil)
            case .naiveClose:
                // The origin day's close (column 1), not its open.
                #expect(row.outcome.predicted == frame.rows[try #require(frame.rowIndex(of: row.origin))][1])
                #expect(row.outcome.predicted != row.outcome.originValue)
            case .drift:
                #expect(row.outcome.intervals.isEmpty)
            }
        }
        let naive = result.metrics(for: .naive)
        #expect(naive.horizons.map(\.horizon) == [1, 2, 3])
        #expect(naive.overall?.count == 36)
        #expect(try #require(result.metrics(for: .lstmReturns).overall).intervals.count == 2)
    }

    @Test func targetsBeyondTheDataAreNotScored() throws {
        let last = frame.days.count - 1
        let settings = SyntheticFrame.settings(from: frame.days[last - 1], to: frame.days[last], ensemble: 1)
        let result = try Backtest.walkForward(frame: frame, settings: settings)
        // Origin last−1 has one known target, the last origin none.
        #expect(result.forecasts.count == 5)
        #expect(result.forecasts.allSatisfy { $0.horizon == 1 && $0.origin == frame.days[last - 1] })
    }

    @Test func originsWithoutACompleteWindowAreSkipped() throws {
        var days = frame.days
        var rows = frame.rows
        days.remove(at: 105)
        rows.remove(at: 105)
        let gapped = FeatureFrame(days: days, columns: frame.columns, rows: rows)
        let settings = SyntheticFrame.settings(
            from: frame.days[100], to: frame.days[112], retrainEvery: 20, ensemble: 1)
        let result = try Backtest.walkForward(frame: gapped, settings: settings)
        // Day 105 is missing; origins 105…109 would need a 5-day window across it.
        #expect(result.skippedOrigins == Array(frame.days[105...109]))
        #expect(result.origins == Array(frame.days[100...104]) + Array(frame.days[110...112]))
    }

    @Test func resultsAndProgressDoNotDependOnScheduling() throws {
        let settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[109], retrainEvery: 3)
        let reported = Reports()
        let first = try Backtest.walkForward(frame: frame, settings: settings) { progress in
            #expect(progress.trainingsTotal == 4 * 2 * 2)
            reported.append(progress.trainingsDone)
        }
        #expect(reported.values == Array(1...16))
        let second = try Backtest.walkForward(frame: frame, settings: settings)
        #expect(first.forecasts == second.forecasts)
        #expect(first.trainings.map(\.bestEpochs) == second.trainings.map(\.bestEpochs))
    }

    @Test func unusableSettingsAreRefusedBeforeTraining() {
        var settings = SyntheticFrame.settings(from: frame.days[110], to: frame.days[100])
        #expect(throws: ForecastError.self) { try Backtest.walkForward(frame: frame, settings: settings) }
        settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[110], retrainEvery: 0)
        #expect(throws: ForecastError.self) { try Backtest.walkForward(frame: frame, settings: settings) }
        settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[110], ensemble: 0)
        #expect(throws: ForecastError.self) { try Backtest.walkForward(frame: frame, settings: settings) }
    }
}

/// Progress reports collected from worker threads.
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []

    func append(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}
