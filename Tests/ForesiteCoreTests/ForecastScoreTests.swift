import ForesiteCore
import Testing

/// The one scorer: interval score, WIS, coverage, the Diebold–Mariano test and the verdict they give.
struct ForecastScoreTests {
    /// Median 100; 50 % [95, 105], 80 % [90, 110], 95 % [80, 120].
    private let forecast = QuantileForecast(
        median: 100,
        intervals: [
            .init(level: 0.95, lower: 80, upper: 120), .init(level: 0.5, lower: 95, upper: 105),
            .init(level: 0.8, lower: 90, upper: 110),
        ])

    private func close(_ a: Double, _ b: Double, _ tolerance: Double = 1e-12) -> Bool {
        abs(a - b) <= tolerance * max(1, abs(b))
    }

    @Test func quantilesAreTheIntervalBoundsAroundTheMedian() {
        #expect(forecast.quantiles.map(\.level) == [0.025, 0.1, 0.25, 0.5, 0.75, 0.9, 0.975])
        #expect(forecast.quantiles.map(\.value) == [80, 90, 95, 100, 105, 110, 120])
        #expect(forecast.isNonCrossing)
        #expect(forecast.value(atQuantile: 0.9) == 110)
        #expect(QuantileForecast.label(quantile: 0.025) == "0.025" && QuantileForecast.label(quantile: 0.1) == "0.1")
        let crossing = QuantileForecast(median: 100, intervals: [.init(level: 0.5, lower: 101, upper: 105)])
        #expect(!crossing.isNonCrossing)
    }

    /// Actual 112, by hand: IS at 50 % = 10 + 2/0.5·(112 − 105) = 38; at 80 % = 20 + 2/0.2·(112 − 110) = 40;
    /// at 95 % = 40 (inside). WIS = (½·12 + 0.25·38 + 0.1·40 + 0.025·40) / 3.5 = 20.5 / 3.5.
    @Test func intervalAndWeightedIntervalScoresMatchAHandComputation() {
        let intervals = forecast.intervals
        #expect(close(ForecastScore.intervalScore(intervals[0], actual: 112), 38))
        #expect(close(ForecastScore.intervalScore(intervals[1], actual: 112), 40))
        #expect(close(ForecastScore.intervalScore(intervals[2], actual: 112), 40))
        // Below the lower bound: 95 % interval, actual 70 → 40 + 2/0.05·10 = 440.
        #expect(close(ForecastScore.intervalScore(intervals[2], actual: 70), 440))
        #expect(close(ForecastScore.weightedIntervalScore(forecast, actual: 112), 20.5 / 3.5))
        // A forecast without intervals scores the absolute error of its median.
        #expect(close(ForecastScore.weightedIntervalScore(QuantileForecast(median: 7, intervals: []), actual: 4), 3))
    }

    @Test func scoreSummaryAveragesAndCounts() {
        let day = Day(iso: "2025-01-01")!
        let scores = [112.0, 100, 96].enumerated().map { index, actual in
            ScoredForecast(origin: day.adding(days: index), horizon: 1, forecast: forecast, actual: actual)
        }
        let summary = ScoreSummary(scores)
        #expect(summary.count == 3)
        #expect(close(summary.mae, (12 + 0 + 4) / 3))
        // Coverage: 50 % holds 100 and 96; 80 % and 95 % hold all but 112 (which only the 95 % holds).
        #expect(summary.coverage.map(\.level) == [0.5, 0.8, 0.95])
        #expect(summary.coverage.map(\.observed) == [2.0 / 3, 2.0 / 3, 1])
    }

    /// Expected values from statsmodels 0.14 (an independent implementation):
    /// `sm.OLS(d, ones).fit(cov_type='HAC', cov_kwds={'maxlags': 2, 'use_correction': False})`
    /// gives t = 0.721927714293391 and p = 0.47033892104227015 for d = a − b below.
    @Test func dieboldMarianoMatchesAnIndependentHACComputation() throws {
        let a = [3.1, 2.4, 5.0, 1.2, 4.4, 3.9, 2.2, 6.1, 3.3, 2.8, 4.0, 1.9]
        let b = [2.9, 3.0, 4.1, 2.0, 3.5, 4.6, 2.5, 5.0, 3.9, 2.1, 3.2, 2.6]
        let result = try #require(DieboldMariano.test(differences: zip(a, b).map { $0 - $1 }, lag: 2))
        #expect(close(result.statistic, 0.721927714293391, 1e-10))
        #expect(close(result.pValue, 0.47033892104227015, 1e-10))
        #expect(result.count == 12 && result.lag == 2)
        #expect(DieboldMariano.test(differences: [1, 1, 1], lag: 0) == nil)
    }

    /// Persistence against itself is exactly 1.0 and indistinguishable; a model that is clearly better on
    /// every day is "better"; one that is better by a hair on noisy days is not.
    @Test func verdictsFollowTheTestNotTheRatio() {
        let start = Day(iso: "2025-01-01")!
        func scored(_ actuals: [Double], median: Double, spread: Double) -> [ScoredForecast] {
            actuals.enumerated().map { index, actual in
                ScoredForecast(
                    origin: start.adding(days: index), horizon: 1,
                    forecast: QuantileForecast(
                        median: median, intervals: [.init(level: 0.8, lower: median - spread, upper: median + spread)]),
                    actual: actual)
            }
        }
        let actuals = (0..<40).map { 100 + Double(($0 * 37) % 11) - 5 }
        let baseline = scored(actuals, median: 90, spread: 5)
        let itself = SkillComparison(model: baseline, baseline: baseline, horizon: 1)
        #expect(itself.relativeWIS == 1 && itself.verdict == .indistinguishable)
        let better = SkillComparison(model: scored(actuals, median: 100, spread: 5), baseline: baseline, horizon: 1)
        #expect(better.relativeWIS < 0.5 && better.verdict == .better)
        #expect(better.verdict.phrase == "better than persistence")
        let noisy = actuals.enumerated().map { index, actual in
            ScoredForecast(
                origin: start.adding(days: index), horizon: 1,
                forecast: QuantileForecast(median: index.isMultiple(of: 2) ? 89 : 91.2, intervals: []), actual: actual)
        }
        let plain = actuals.enumerated().map { index, actual in
            ScoredForecast(
                origin: start.adding(days: index), horizon: 1, forecast: QuantileForecast(median: 90, intervals: []),
                actual: actual)
        }
        let hair = SkillComparison(model: noisy, baseline: plain, horizon: 1)
        #expect(hair.verdict == .indistinguishable)
        #expect(hair.verdict.phrase == "not distinguishable from persistence")
        let few = SkillComparison(
            model: Array(scored(actuals, median: 100, spread: 5).prefix(5)), baseline: baseline, horizon: 1)
        #expect(few.pairs == 5 && few.verdict == .tooFew)
    }

    /// The table pairs the scores once; each of its rows is the comparison of that horizon made alone.
    @Test func aTablesRowsAreTheComparisonsOfEachHorizon() {
        let start = Day(iso: "2025-01-01")!
        func scored(median: Double, horizons: ClosedRange<Int>, days: Int) -> [ScoredForecast] {
            (0..<days).flatMap { index in
                horizons.map { horizon -> ScoredForecast in
                    let shift: Double = Double((index * 7 + horizon) % 5)
                    let actual: Double = 95 + Double((index * 37 + horizon * 3) % 11)
                    let interval = PredictionInterval(level: 0.8, lower: median - 4, upper: median + 6)
                    return ScoredForecast(
                        origin: start.adding(days: index), horizon: horizon,
                        forecast: QuantileForecast(median: median + shift, intervals: [interval]), actual: actual)
                }
            }
        }
        // The model skips a day the baseline has, and forecasts a horizon the baseline does not.
        let model = scored(median: 99, horizons: 1...4, days: 30).filter { $0.origin != start.adding(days: 3) }
        let baseline = scored(median: 95, horizons: 1...3, days: 32)
        let (horizons, overall) = SkillComparison.table(model: model, baseline: baseline)
        #expect(horizons.map(\.horizon) == [1, 2, 3])
        for row in horizons {
            #expect(row == SkillComparison(model: model, baseline: baseline, horizon: row.horizon))
            #expect(row.pairs == 29)
        }
        #expect(overall == SkillComparison(model: model, baseline: baseline, horizon: nil))
        #expect(overall.pairs == 87)
        // Against a baseline keyed once, with the range of the origins paired.
        let keyed = SkillComparison.table(model: model, baseline: SkillComparison.Baseline(baseline))
        #expect(keyed.horizons == horizons && keyed.overall == overall)
        #expect(keyed.origins == start...start.adding(days: 29))
        #expect(SkillComparison.table(model: [], baseline: SkillComparison.Baseline(baseline)).origins == nil)
    }

    /// Scores in key order are paired by walking both lists side by side, any other order once sorted by
    /// key: the comparisons are those of pairing by key, a repeated model key pairs each time and a repeated
    /// baseline key pairs its first score.
    @Test func pairingScoresInKeyOrderGivesWhatPairingByKeyGives() {
        let start = Day(iso: "2025-02-01")!
        func score(_ day: Int, _ horizon: Int, _ median: Double) -> ScoredForecast {
            ScoredForecast(
                origin: start.adding(days: day), horizon: horizon,
                forecast: QuantileForecast(
                    median: median, intervals: [PredictionInterval(level: 0.8, lower: median - 3, upper: median + 4)]),
                actual: 100 + Double((day * 13 + horizon * 7) % 9))
        }
        var model: [ScoredForecast] = []
        var baseline: [ScoredForecast] = []
        for day in 0..<40 {
            for horizon in 1...3 {
                if (day + horizon) % 7 != 0 { model.append(score(day, horizon, 99 + Double((day + horizon) % 4))) }
                if (day * horizon) % 11 != 5 { baseline.append(score(day, horizon, 97)) }
            }
        }
        // A repeated key on each side, after the first of it (a stable sort keeps the order of equal keys).
        model = (model + [score(10, 2, 103)]).sorted { $0.key < $1.key }
        baseline = (baseline + [score(20, 1, 90), score(12, 3, 91)]).sorted { $0.key < $1.key }
        // The same scores with their keys in reverse order, each key's scores still in their order.
        func reversedKeys(_ scores: [ScoredForecast]) -> [ScoredForecast] {
            let groups = Dictionary(grouping: scores, by: \.key)
            return groups.keys.sorted(by: >).flatMap { groups[$0]! }
        }
        #expect(!reversedKeys(model).isSorted { $0.key < $1.key })
        let expected = SkillComparison.table(model: model, baseline: SkillComparison.Baseline(baseline))
        #expect(expected.overall == SkillComparison(model: model, baseline: baseline, horizon: nil))
        for horizon in expected.horizons {
            #expect(horizon == SkillComparison(model: model, baseline: baseline, horizon: horizon.horizon))
        }
        let keys = Set(baseline.map(\.key))
        #expect(expected.overall.pairs == model.filter { keys.contains($0.key) }.count)
        // All horizons together: the differences averaged per origin (origins ascending), lag H − 1.
        var firstBaseline: [ScoredForecast.Key: Double] = [:]
        for score in baseline where firstBaseline[score.key] == nil {
            firstBaseline[score.key] = score.weightedIntervalScore
        }
        var byOrigin: [Day: [Double]] = [:]
        for score in model {
            if let base = firstBaseline[score.key] {
                byOrigin[score.origin, default: []].append(score.weightedIntervalScore - base)
            }
        }
        let means = byOrigin.keys.sorted().map { byOrigin[$0]!.reduce(0, +) / Double(byOrigin[$0]!.count) }
        #expect(expected.overall.test == DieboldMariano.test(differences: means, lag: 2))
        for (models, baselines) in [
            (reversedKeys(model), baseline), (model, reversedKeys(baseline)),
            (reversedKeys(model), reversedKeys(baseline)),
        ] {
            let table = SkillComparison.table(model: models, baseline: SkillComparison.Baseline(baselines))
            #expect(table.horizons == expected.horizons && table.overall == expected.overall)
            #expect(table.origins == expected.origins)
        }
    }

    @Test func theLedgerChainFindsTheFirstChangedRow() {
        let day = Day(iso: "2025-01-01")!
        var records = (1...3).map { horizon in
            LedgerRecord(
                madeOn: day, model: "lstm", modelVersion: "v1", targetGroup: "solana", field: "close",
                origin: day.adding(days: -1), horizon: horizon, targetDay: day.adding(days: horizon - 1),
                reference: 100, forecast: forecast, inputHash: "h")
        }
        var previous = LedgerRecord.genesis
        for index in records.indices {
            records[index] = records[index].chained(after: previous)
            previous = records[index].hash
        }
        #expect(LedgerVerification(records: records).summary == "3 forecasts since 2025-01-01, chain verified")
        records[1].forecast.median = 101
        let broken = LedgerVerification(records: records)
        #expect(broken.firstBroken?.position == 2 && !broken.isVerified)
    }
}
