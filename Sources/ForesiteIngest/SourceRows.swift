import ForesiteCore

/// What one source delivered for one series, ascending by day: the row type of the feature group it fills.
public enum SourceRows: Hashable, Sendable {
    /// Daily OHLCV of a price group.
    case candles([Candle])
    /// The Fear & Greed Index.
    case fearGreed([FearGreedReading])
    /// A generic daily series (a CSV group's configured columns).
    case values([DailyValues])

    /// How many days arrived.
    public var count: Int {
        switch self {
        case .candles(let rows): rows.count
        case .fearGreed(let rows): rows.count
        case .values(let rows): rows.count
        }
    }

    public var isEmpty: Bool { count == 0 }
}
