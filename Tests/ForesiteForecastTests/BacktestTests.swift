import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteTestSupport
import Foundation
import Testing

@Suite struct BacktestTests {
    let frame = SyntheticFrame.make()

    @Test func everyOriginGetsEveryModelAndHorizonWithActuals() throws {
        let settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[111], retrainEvery: 5)
        let result = try SyntheticFrame.run(frame, settings)
        #expect(settings.target == "asset.close")
        #expect(result.models == ["persistence", "drift", "lstm", "lstm-seed"])
        #expect(result.origins == Array(frame.days[100...111]))
        #expect(result.skippedOrigins.isEmpty)
        #expect(result.forecasts.count == 12 * 4 * 3)
        // Retrainings on days 100, 105, 110, each for both modes, with the ensemble's seeds.
        #expect(result.fits.map(\.fittedThrough) == [100, 100, 105, 105, 110, 110].map { frame.days[$0] })
        #expect(result.fits.map(\.model) == ["lstm", "lstm-seed", "lstm", "lstm-seed", "lstm", "lstm-seed"])
        #expect(result.fits.allSatisfy { $0.version.contains("seeds 42 43") })
        for row in result.forecasts {
            let index = try #require(frame.rowIndex(of: row.targetDay))
            let originClose = frame.rows[try #require(frame.rowIndex(of: row.origin))][1]
            // The target is the close (column 1).
            #expect(row.actual == frame.rows[index][1])
            #expect(row.targetDay == row.origin.adding(days: row.horizon))
            #expect(row.forecast.intervals.map(\.level) == [0.5, 0.8, 0.95])
            #expect(row.forecast.isNonCrossing)
            switch row.model.rawValue {
            case "lstm", "lstm-seed":
                // Origins 100…104 use the day-100 model, 105…109 the day-105 one, and so on.
                let age = row.origin.days(since: try #require(row.trainedThrough))
                #expect((0..<5).contains(age))
            case "persistence":
                #expect(row.forecast.median == originClose)
                #expect(row.trainedThrough == nil)
            case "drift":
                #expect(row.trainedThrough == nil)
            default:
                Issue.record("unexpected model \(row.model)")
            }
        }
    }

    @Test func everyModelIsScoredOnTheSameForecastsAndPersistenceIsTheUnit() throws {
        let settings = SyntheticFrame.settings(
            from: frame.days[100], to: frame.days[119], retrainEvery: 10,
            models: ["lstm", "lstm-seed", "persistence", "drift", "ensemble"])
        let result = try SyntheticFrame.run(frame, settings)
        let keys = Set(result.scores(for: .persistence).map(\.key))
        #expect(keys.count == 20 * 3)
        for model in result.models {
            #expect(Set(result.scores(for: model).map(\.key)) == keys, "\(model)")
            let (horizons, overall) = result.skill(of: model)
            #expect(horizons.map(\.horizon) == [1, 2, 3])
            #expect(overall.pairs == 60)
            #expect(horizons.allSatisfy { $0.pairs == 20 && $0.relativeWIS.isFinite })
        }
        let (horizons, overall) = result.skill(of: .persistence)
        for comparison in horizons + [overall] {
            #expect(abs(comparison.relativeWIS - 1) < 1e-12)
            #expect(comparison.verdict == .indistinguishable)
        }
        let table = result.summaryTable()
        #expect(table.contains("persistence (the reference)"))
        #expect(table.contains("rel WIS"))
        #expect(table.contains("lstm\n") && table.contains("ensemble\n"))
        #expect(table.contains("Price units, lower is better") && table.contains("Persistence: the origin's close"))
        // A river level's table is in its own units, from the origin's level.
        let level = result.summaryTable(wording: .plain(field: "level"))
        #expect(level.contains("Units of level, lower is better") && level.contains("Persistence: the origin's level"))
        #expect(!level.contains("Price") && !level.contains("origin's close"))
    }

    @Test func anOpenTargetAddsNaiveOpenAndKeepsTheCloseAsReference() throws {
        let settings = SyntheticFrame.settings(
            from: frame.days[100], to: frame.days[104], retrainEvery: 5, ensemble: 1, field: "open",
            models: ["lstm", "lstm-seed", "persistence", "drift", "naive-open"])
        let result = try SyntheticFrame.run(frame, settings, ensemble: 1, field: "open")
        #expect(result.models == ["persistence", "drift", "lstm", "lstm-seed", "naive-open"])
        #expect(result.forecasts.count == 5 * 5 * 3)
        for row in result.forecasts {
            let origin = frame.rows[try #require(frame.rowIndex(of: row.origin))]
            #expect(row.actual == frame.rows[try #require(frame.rowIndex(of: row.targetDay))][0])
            switch row.model.rawValue {
            case "persistence": #expect(row.forecast.median == origin[1])
            case "naive-open": #expect(row.forecast.median == origin[0])
            default: break
            }
        }
    }

    @Test func targetsBeyondTheDataAreNotScored() throws {
        let last = frame.days.count - 1
        let settings = SyntheticFrame.settings(from: frame.days[last - 1], to: frame.days[last], ensemble: 1)
        let result = try SyntheticFrame.run(frame, settings, ensemble: 1)
        // Origin last−1 has one known target, the last origin none.
        #expect(result.forecasts.count == 4)
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
        let result = try SyntheticFrame.run(gapped, settings, ensemble: 1)
        // Day 105 is missing; origins 105…109 would need a 5-day window across it.
        #expect(result.skippedOrigins == Array(frame.days[105...109]))
        #expect(result.origins == Array(frame.days[100...104]) + Array(frame.days[110...112]))
    }

    @Test func resultsAndProgressDoNotDependOnScheduling() throws {
        let settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[109], retrainEvery: 3)
        let reported = Reports()
        let first = try SyntheticFrame.run(frame, settings) { progress in
            #expect(progress.trainingsTotal == 4 * 2)
            reported.append(progress.trainingsDone)
        }
        #expect(reported.values == Array(1...8))
        let second = try SyntheticFrame.run(frame, settings)
        #expect(first.forecasts == second.forecasts)
        #expect(first.fits.map(\.version) == second.fits.map(\.version))
    }

    /// `--jobs 1` and `--jobs 2` give the same forecasts, bit for bit: ensembles of three, two LSTMs.
    @Test func forecastsDoNotDependOnTheNumberOfJobs() throws {
        let settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[109], retrainEvery: 5, ensemble: 3)
        let one = try SyntheticFrame.run(frame, settings, ensemble: 3, parallelism: Parallelism(jobs: 1))
        let two = try SyntheticFrame.run(frame, settings, ensemble: 3, parallelism: Parallelism(jobs: 2))
        #expect(!one.forecasts.isEmpty)
        #expect(one.forecasts == two.forecasts)
        #expect(one.fits.map(\.version) == two.fits.map(\.version))
        func bits(_ result: BacktestResult) -> [UInt64] {
            result.forecasts.flatMap { row in
                [row.forecast.median] + row.forecast.intervals.flatMap { [$0.lower, $0.upper] }
            }.map(\.bitPattern)
        }
        #expect(bits(one) == bits(two))
    }

    /// The retrainings of a backtest run side by side: a scheduled model whose two fits wait for each other
    /// finishes only if they run at the same time.
    @Test func retrainingsRunInParallel() throws {
        let meeting = Rendezvous(parties: 2)
        var catalog = ModelCatalog(models: [PersistenceModel()])
        catalog.models.append(MeetingModel(refit: .scheduled, meeting: meeting))
        var settings = SyntheticFrame.settings(
            from: frame.days[100], to: frame.days[105], retrainEvery: 3, models: ["persistence"])
        settings.models.append("meeting")
        let result = try Backtest.walkForward(
            frame: frame, settings: settings, catalog: catalog, parallelism: Parallelism(jobs: 2))
        #expect(result.fits.map(\.version) == ["met", "met"])
    }

    @Test func unusableSettingsAreRefusedBeforeTraining() {
        var settings = SyntheticFrame.settings(from: frame.days[110], to: frame.days[100])
        #expect(throws: ForecastError.self) { try SyntheticFrame.run(frame, settings) }
        settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[110], retrainEvery: 0)
        #expect(throws: ForecastError.self) { try SyntheticFrame.run(frame, settings) }
        settings = SyntheticFrame.settings(from: frame.days[100], to: frame.days[110], ensemble: 0)
        #expect(throws: ForecastError.self) { try SyntheticFrame.run(frame, settings, ensemble: 0) }
    }
}

/// Progress reports collected from worker threads.
private final class Reports: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [Int] = []

    func append(_ value: Int) { lock.withLock { stored.append(value) } }
    var values: [Int] { lock.withLock { stored } }
}
