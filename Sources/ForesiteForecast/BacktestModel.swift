import ForesiteCore

/// The forecasters a backtest compares, named as the store and the site show them.
public enum BacktestModel: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case lstmReturns = "lstm-returns"
    case lstmSeed = "lstm-seed"
    case naive
    /// The origin day's close for every horizon: the latest price known when the forecast is made. On a
    /// market that trades around the clock it *is* the next day's open (equal on every day of the
    /// Kraken SOL/USD sample), so it is the stronger random walk; shown beside `naive` (the last
    /// observed value of the target column itself) so neither flatters the model.
    case naiveClose = "naive-close"
    case drift

    public static func lstm(_ mode: Config.TargetMode) -> BacktestModel {
        switch mode {
        case .returns: return .lstmReturns
        case .seed: return .lstmSeed
        }
    }

    public var description: String { rawValue }
}
