import ForesiteCore
import ForesiteML

extension ConformalCalibration.Scale {
    /// Log-ratio residuals for the returns target mode (errors proportional to price), absolute ones
    /// for the seed mode (the original's price-level model).
    public init(for mode: Config.TargetMode) {
        switch mode {
        case .returns: self = .logRatio
        case .seed: self = .absolute
        }
    }
}

extension ConformalCalibration {
    /// Calibrates `ensemble` on the windows its training held out: the validation and test parts of `set`.
    ///
    /// Both are out of sample for the weights. Validation residuals alone are slightly optimistic (the
    /// best epoch was chosen on them); the test windows are not, and they are the most recent, whose
    /// volatility is closest to the forecast's. Together they give a few hundred residuals per horizon
    /// on the real data, plenty for the 95 % level (which needs 19).
    public init(ensemble: Ensemble, heldOutOf set: TrainingSet, levels: [Double]) throws {
        let heldOut = set.samples[set.split.validation.lowerBound..<set.split.test.upperBound]
        let points = try ensemble.predict(windows: heldOut.map(\.window))
        try self.init(
            points: points, actuals: heldOut.map(\.targets), levels: levels, scale: Scale(for: ensemble.mode))
    }
}
