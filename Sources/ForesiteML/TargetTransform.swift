import ForesiteCore
import Foundation

/// How future opens become the network's training targets and back.
///
/// - `seed`: MinMax-scaled price levels, per horizon step, as the original project.
/// - `returns`: log(open[t+k] / open[t]) relative to the last observed open, standardised per horizon
///   step on the training split, so that an output of zero is the naive "no change" forecast.
public struct TargetTransform: Hashable, Sendable, Codable {
    public var mode: Config.TargetMode
    public var scaler: Scaler

    public init(mode: Config.TargetMode, scaler: Scaler) {
        self.mode = mode
        self.scaler = scaler
    }

    /// Fits the scaler on the training samples' future opens.
    static func fit(mode: Config.TargetMode, targets: [[Double]], lastOpens: [Double], horizon: Int) -> TargetTransform
    {
        switch mode {
        case .seed:
            return TargetTransform(mode: mode, scaler: .fitMinMax(rows: targets, columns: horizon))
        case .returns:
            let returns = zip(targets, lastOpens).map { row, last in row.map { log($0 / last) } }
            return TargetTransform(mode: mode, scaler: .fitStandard(rows: returns, columns: horizon))
        }
    }

    /// The scaled training target for future opens `prices` seen from a window whose last open is `lastOpen`.
    public func encode(prices: [Double], lastOpen: Double) -> [Double] {
        prices.indices.map { step in
            switch mode {
            case .seed: scaler.transform(prices[step], column: step)
            case .returns: scaler.transform(log(prices[step] / lastOpen), column: step)
            }
        }
    }

    /// Prices from the network's scaled outputs.
    public func decode(outputs: some Collection<Float>, lastOpen: Double) -> [Double] {
        outputs.enumerated().map { step, output in
            let value = scaler.inverse(Double(output), column: step)
            return switch mode {
            case .seed: value
            case .returns: lastOpen * exp(value)
            }
        }
    }
}
