import ForesiteCore

/// The forecasters a backtest compares, named as the store and the site show them.
public enum BacktestModel: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case lstmReturns = "lstm-returns"
    case lstmSeed = "lstm-seed"
    case naive
    case drift

    public static func lstm(_ mode: Config.TargetMode) -> BacktestModel {
        switch mode {
        case .returns: return .lstmReturns
        case .seed: return .lstmSeed
        }
    }

    public var description: String { rawValue }
}
