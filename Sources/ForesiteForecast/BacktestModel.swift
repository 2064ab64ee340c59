import ForesiteCore

/// The forecasters a backtest compares, named as the store and the site show them.
public enum BacktestModel: String, Hashable, Sendable, Codable, CaseIterable, CustomStringConvertible {
    case lstmReturns = "lstm-returns"
    case lstmSeed = "lstm-seed"
    /// The reference: the origin's close for every horizon, with quantiles from past changes
    /// (`Persistence`). Every other model's relative WIS is against it.
    case persistence
    case drift
    /// The origin day's open with persistence's spread: only when the target field is the open, as a
    /// historical curiosity. It is a day stale (on a 24/7 market the next open is the last close), so
    /// beating it says nothing; it shows how far the original's "naive" flattered the model.
    case naiveOpen = "naive-open"

    public static func lstm(_ mode: Config.TargetMode) -> BacktestModel {
        switch mode {
        case .returns: return .lstmReturns
        case .seed: return .lstmSeed
        }
    }

    public var isLSTM: Bool { self == .lstmReturns || self == .lstmSeed }

    public var description: String { rawValue }
}
