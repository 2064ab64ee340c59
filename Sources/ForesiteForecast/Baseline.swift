/// The forecasts every model must be compared with: if the LSTM cannot beat "tomorrow = today",
/// the site says so (DESIGN.md, "Honesty rules").
///
/// Both produce the model's forecast shape: one point per horizon 1…H, from the target series observed
/// up to and including the origin day.
public enum Baseline: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Every horizon gets the last observed value (the random-walk forecast).
    case naive
    /// Hyndman's drift method over the last `window` observations: the line through the first and last
    /// of them, extended `h` steps. Its slope is the mean one-step change over the window, which is less
    /// sensitive to a single outlier day than the last change alone and needs no fitting.
    case drift(window: Int)

    public var description: String {
        switch self {
        case .naive: return "naive"
        case .drift(let window): return "drift(\(window))"
        }
    }

    /// The forecast for horizons 1…`horizon` from `history` (oldest first, the origin's value last).
    public func forecast(history: some BidirectionalCollection<Double>, horizon: Int) throws -> [Double] {
        guard horizon >= 1 else {
            throw ForecastError.invalidSetting(name: "horizon", value: "\(horizon)", reason: "must be at least 1")
        }
        switch self {
        case .naive:
            guard let last = history.last else {
                throw ForecastError.tooLittleHistory(method: description, needed: 1, available: 0)
            }
            return Array(repeating: last, count: horizon)
        case .drift(let window):
            guard window >= 2 else {
                throw ForecastError.invalidSetting(
                    name: "drift window", value: "\(window)", reason: "must span at least 2 observations")
            }
            guard history.count >= window, let last = history.last else {
                throw ForecastError.tooLittleHistory(method: description, needed: window, available: history.count)
            }
            let first = history[history.index(history.endIndex, offsetBy: -window)]
            let slope = (last - first) / Double(window - 1)
            return (1...horizon).map { last + slope * Double($0) }
        }
    }
}
