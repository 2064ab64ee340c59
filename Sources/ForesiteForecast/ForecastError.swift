import ForesiteCore

/// Everything that can go wrong while forecasting, scoring or backtesting, with the value that caused it.
///
/// One error type for the module so the CLI can print any of them as one line; each case quotes the
/// offending value so the message alone says what to fix.
public enum ForecastError: Error, Equatable, Sendable, CustomStringConvertible {
    /// A baseline or forecaster was asked for a forecast from fewer observations than it needs.
    case tooLittleHistory(method: String, needed: Int, available: Int)
    /// A conformal level cannot be calibrated with so few residuals (it would need an infinite interval).
    case tooFewResiduals(horizon: Int, level: Double, needed: Int, available: Int)
    /// An interval level outside (0, 1), such as `95` instead of `0.95`.
    case invalidLevel(Double)
    /// Residuals were given for a different number of horizons than the forecast has.
    case horizonMismatch(expected: Int, got: Int)
    /// A residual or price that is NaN, infinite or (for log-ratio residuals) not positive.
    case invalidValue(what: String, value: Double)
    /// A backtest or forecast setting that cannot work, e.g. `retrainEvery 0` or `from` after `to`.
    case invalidSetting(name: String, value: String, reason: String)
    /// The frame has no row for a day the forecast needs.
    case missingDay(Day, what: String)
    /// Training a model (or an ensemble member) failed; `reason` is the ML module's own message.
    case trainingFailed(origin: Day, seed: UInt64, reason: String)

    public var description: String {
        switch self {
        case .tooLittleHistory(let method, let needed, let available):
            return "forecast: \(method) needs \(needed) observations, got \(available)"
        case .tooFewResiduals(let horizon, let level, let needed, let available):
            return "conformal: horizon \(horizon) level \(level) needs at least \(needed) residuals, got \(available)"
        case .invalidLevel(let level):
            return "conformal: interval level \(level) is not in (0, 1) (write 0.95, not 95)"
        case .horizonMismatch(let expected, let got):
            return "forecast: expected \(expected) horizons, got \(got)"
        case .invalidValue(let what, let value):
            return "forecast: \(what) \(value) is not usable"
        case .invalidSetting(let name, let value, let reason):
            return "backtest: \(name) '\(value)' \(reason)"
        case .missingDay(let day, let what):
            return "forecast: no \(what) for \(day)"
        case .trainingFailed(let origin, let seed, let reason):
            return "backtest: training for origin \(origin) (seed \(seed)) failed: \(reason)"
        }
    }
}
