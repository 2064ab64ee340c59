import ForesiteCore
import Foundation

/// How future opens become the network's training targets and back.
///
/// - `seed`: MinMax-scaled price levels, per horizon step, as the original project.
/// - `returns`: log(open[t+k] / p[t]) relative to the latest known price p[t] (the target instrument's
///   close on the window's last day when it is an input — on a market that never closes, the next
///   open — else the last observed open), divided per horizon step
///   by its root mean square on the training split, so that an output of zero is the naive "no change"
///   forecast. Each step's decoded log return is then multiplied by a `shrinkage` factor in 0…1 fitted
///   on the validation split (`TrainedModel(network:trainedOn:)`): a horizon where the network shows no
///   out-of-sample skill is pulled towards the naive forecast instead of adding its noise.
public struct TargetTransform: Hashable, Sendable, Codable {
    public var mode: Config.TargetMode
    public var scaler: Scaler
    /// Per horizon step, the factor applied to the decoded log return (returns mode only); 1 = none.
    public var shrinkage: [Double]

    public init(mode: Config.TargetMode, scaler: Scaler, shrinkage: [Double]? = nil) {
        self.mode = mode
        self.scaler = scaler
        self.shrinkage = shrinkage ?? [Double](repeating: 1, count: scaler.columns)
    }

    /// Fits the scaler on the training samples' future opens (returns mode: relative to each `references` price).
    static func fit(mode: Config.TargetMode, targets: [[Double]], references: [Double], horizon: Int) -> TargetTransform
    {
        switch mode {
        case .seed:
            return TargetTransform(mode: mode, scaler: .fitMinMax(rows: targets, columns: horizon))
        case .returns:
            let returns = zip(targets, references).map { row, last in row.map { log($0 / last) } }
            return TargetTransform(mode: mode, scaler: .fitRootMeanSquare(rows: returns, columns: horizon))
        }
    }

    /// The scaled training target for future opens `prices` seen from a window whose latest known price
    /// (the returns-mode anchor, see `TrainingSet.referenceColumn`) is `reference`.
    public func encode(prices: [Double], reference: Double) -> [Double] {
        prices.indices.map { step in
            switch mode {
            case .seed: scaler.transform(prices[step], column: step)
            case .returns: scaler.transform(log(prices[step] / reference), column: step)
            }
        }
    }

    /// Prices from the network's scaled outputs.
    public func decode(outputs: some Collection<Float>, reference: Double) -> [Double] {
        outputs.enumerated().map { step, output in
            let value = scaler.inverse(Double(output), column: step)
            return switch mode {
            case .seed: value
            case .returns: reference * exp(value * shrinkage[step])
            }
        }
    }

    /// The log returns (before shrinkage) the network's scaled outputs stand for; returns mode only.
    func returns(outputs: some Collection<Float>) -> [Double] {
        outputs.enumerated().map { step, output in scaler.inverse(Double(output), column: step) }
    }

    /// A copy whose shrinkage is fitted to `predicted` and `actual` log returns (one row per window):
    /// per step the least-squares factor Σ p·a / Σ p², clamped to 0…1 (never amplified, never reversed).
    func fittingShrinkage(predicted: [[Double]], actual: [[Double]]) -> TargetTransform {
        guard mode == .returns, !predicted.isEmpty else { return self }
        let factors = (0..<scaler.columns).map { step in
            var product = 0.0
            var square = 0.0
            for (p, a) in zip(predicted, actual) {
                product += p[step] * a[step]
                square += p[step] * p[step]
            }
            return square > 0 ? min(max(product / square, 0), 1) : 0
        }
        return TargetTransform(mode: mode, scaler: scaler, shrinkage: factors)
    }
}
