import ForesiteCore
import ForesiteForecast
import ForesiteML
import Testing

/// A forecast made at an origin must not depend on anything after it: every value after the origin is
/// rewritten, and the forecasts at and before the origin must stay bit for bit the same.
@Suite struct NoLookAheadTests {
    let frame = SyntheticFrame.make()

    @Test func forecasterIgnoresRowsAfterTheOrigin() throws {
        let set = try SyntheticFrame.trainingSet(frame.prefix(through: frame.days[90]))
        let ensemble = try Ensemble.train(on: set, trainer: Trainer(SyntheticFrame.config.model), size: 2)
        let forecaster = try Forecaster(
            ensemble: ensemble,
            calibration: ConformalCalibration(ensemble: ensemble, heldOutOf: set, levels: [0.8]), modelVersion: "v")
        let origin = frame.days[120]
        let original = try forecaster.forecast(frame: frame, origin: origin)
        let rewritten = try forecaster.forecast(frame: SyntheticFrame.rewritten(frame, after: origin), origin: origin)
        #expect(bits(original) == bits(rewritten))
        #expect(original.inputWindowHash == rewritten.inputWindowHash)
        // The rewrite is real: one day later the forecasts differ.
        let later = origin.adding(days: 1)
        #expect(
            try bits(forecaster.forecast(frame: frame, origin: later))
                != bits(forecaster.forecast(frame: SyntheticFrame.rewritten(frame, after: origin), origin: later)))
    }

    /// The whole walk-forward over days 110…120 with retrainings on days 110, 114 and 118: rewriting
    /// everything after day `cut` must leave every forecast (every model's median and intervals, the
    /// baselines' change distributions included) made at an origin up to `cut` unchanged,
    /// including those of the retraining that covers `cut` (a wrong cut would feed it later rows).
    @Test(arguments: [115, 120])
    func backtestForecastsIgnoreRowsAfterTheirOrigin(cut: Int) throws {
        let settings = SyntheticFrame.settings(from: frame.days[110], to: frame.days[120], retrainEvery: 4)
        let cutDay = frame.days[cut]
        let original = try SyntheticFrame.run(frame, settings)
        let rewritten = try SyntheticFrame.run(SyntheticFrame.rewritten(frame, after: cutDay), settings)
        func predictions(_ result: BacktestResult) -> [[UInt64]] {
            result.forecasts.filter { $0.origin <= cutDay }.map { row in
                [row.forecast.median.bitPattern]
                    + row.forecast.intervals.flatMap { [$0.lower.bitPattern, $0.upper.bitPattern] }
            }
        }
        let (before, after) = (predictions(original), predictions(rewritten))
        #expect(!before.isEmpty)
        #expect(before.count == after.count)
        let changed = zip(before, after).filter { $0 != $1 }.count
        #expect(changed == 0, "\(changed) of \(before.count) forecasts made up to the cut changed")
        // The rewrite is real: actuals after the cut changed, so the comparison above is not vacuous.
        #expect(original.forecasts.map(\.actual) != rewritten.forecasts.map(\.actual))
        if cut == 115 {
            // …and forecasts from origins after the cut did change.
            #expect(
                original.forecasts.filter { $0.origin > cutDay }.map(\.forecast.median)
                    != rewritten.forecasts.filter { $0.origin > cutDay }.map(\.forecast.median))
        }
    }

    func bits(_ forecast: Forecast) -> [UInt64] {
        forecast.steps.flatMap { step in
            [step.median.bitPattern, step.naive.bitPattern]
                + step.forecast.intervals.flatMap { [$0.lower.bitPattern, $0.upper.bitPattern] }
        }
    }
}
