import ForesiteCore
import ForesiteML

/// Turns a trained model (or ensemble) and its conformal calibration into a `Forecast` at an origin.
///
/// It reads the frame only through `InputWindow`, which cuts it at the origin: whatever the frame
/// holds after that day cannot change the forecast.
public struct Forecaster: Sendable {
    public let ensemble: Ensemble
    public let calibration: ConformalCalibration
    public let modelVersion: String

    public init(ensemble: Ensemble, calibration: ConformalCalibration, modelVersion: String) throws {
        guard calibration.horizon == ensemble.horizon else {
            throw ForecastError.horizonMismatch(expected: ensemble.horizon, got: calibration.horizon)
        }
        self.ensemble = ensemble
        self.calibration = calibration
        self.modelVersion = modelVersion
    }

    /// The forecast for the `horizon` days after `origin`, from `frame`'s rows up to `origin`.
    /// - Parameter madeOn: the day it is made; defaults to the origin (as in a backtest).
    public func forecast(frame: FeatureFrame, origin: Day, madeOn: Day? = nil) throws -> Forecast {
        let window = try InputWindow(
            frame: frame, origin: origin, columns: ensemble.inputs, target: ensemble.target, length: ensemble.window)
        return try forecast(window: window, madeOn: madeOn ?? origin)
    }

    /// The forecast from an already cut input window.
    public func forecast(window: InputWindow, madeOn: Day) throws -> Forecast {
        let points = try ensemble.predict(windows: [window.rows])[0]
        let steps = points.enumerated().map { index, point in
            Forecast.Step(
                horizon: index + 1, targetDay: window.origin.adding(days: index + 1),
                forecast: QuantileForecast(
                    median: point, intervals: calibration.intervals(around: point, horizon: index + 1)),
                naive: window.targetValue)
        }
        return Forecast(
            origin: window.origin, madeOn: madeOn, modelVersion: modelVersion, memberSeeds: ensemble.seeds,
            inputWindowHash: window.fingerprint, steps: steps)
    }
}
