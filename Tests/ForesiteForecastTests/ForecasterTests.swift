import ForesiteCore
import ForesiteForecast
import ForesiteML
import Testing

@Suite struct ForecasterTests {
    let frame = SyntheticFrame.make()

    func forecaster(mode: Config.TargetMode = .returns) throws -> Forecaster {
        let set = try SyntheticFrame.trainingSet(frame, mode: mode)
        let ensemble = try Ensemble.train(on: set, trainer: Trainer(SyntheticFrame.config.model), size: 2)
        let calibration = try ConformalCalibration(ensemble: ensemble, heldOutOf: set, levels: [0.8, 0.95])
        return try Forecaster(ensemble: ensemble, calibration: calibration, modelVersion: "test-1")
    }

    @Test(arguments: Config.TargetMode.allCases)
    func forecastHasOneCalibratedStepPerHorizon(mode: Config.TargetMode) throws {
        let forecaster = try forecaster(mode: mode)
        #expect(forecaster.calibration.scale == ConformalCalibration.Scale(for: mode))
        let origin = frame.days[100]
        let madeOn = origin.adding(days: 1)
        let forecast = try forecaster.forecast(frame: frame, origin: origin, madeOn: madeOn)
        #expect(forecast.origin == origin)
        #expect(forecast.madeOn == madeOn)
        #expect(forecast.modelVersion == "test-1")
        #expect(forecast.memberSeeds == [42, 43])
        #expect(forecast.steps.map(\.horizon) == [1, 2, 3])
        #expect(forecast.steps.map(\.targetDay) == [1, 2, 3].map { origin.adding(days: $0) })
        let originOpen = frame.rows[100][0]
        for step in forecast.steps {
            #expect(step.naive == originOpen)
            #expect(step.forecast.intervals.map(\.level) == [0.8, 0.95])
            let (eighty, ninetyFive) = (step.forecast.intervals[0], step.forecast.intervals[1])
            #expect(eighty.contains(step.median))
            #expect(ninetyFive.lower <= eighty.lower && eighty.upper <= ninetyFive.upper)
        }
        let window = try frame.window(endingOn: origin, length: 5, columns: SyntheticFrame.inputs)
        #expect(forecast.inputWindowHash == WindowFingerprint.of(days: (96...100).map { frame.days[$0] }, rows: window))
    }

    @Test func aWindowOverAMissingDayIsRefused() throws {
        let forecaster = try forecaster()
        var days = frame.days
        var rows = frame.rows
        days.remove(at: 98)
        rows.remove(at: 98)
        let gapped = FeatureFrame(days: days, columns: frame.columns, rows: rows)
        #expect(throws: ForecastError.self) { try forecaster.forecast(frame: gapped, origin: frame.days[100]) }
        // The origin itself missing from the frame.
        #expect(throws: ForecastError.missingDay(frame.days[98], what: "feature row")) {
            try forecaster.forecast(frame: gapped, origin: frame.days[98])
        }
        // Five days after the gap, the window is whole again.
        #expect(try forecaster.forecast(frame: gapped, origin: frame.days[103]).steps.count == 3)
    }
}
