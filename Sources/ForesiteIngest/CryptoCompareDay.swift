import ForesiteCore

/// One `Data` item of the data-api historical-days response (or one row of its CSV export), reduced to what
/// Foresite stores plus the last trade's time, which decides whether an imported day was complete.
public struct CryptoCompareDay: Hashable, Sendable {
    public var day: Day
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    public var volume: Double
    public var volumeBuy: Double
    public var volumeSell: Double
    /// `LAST_TRADE_TIMESTAMP`; nil when the day had no trade (the API omits the field then).
    public var lastTradeTimestamp: Int?

    public init(
        day: Day, open: Double, high: Double, low: Double, close: Double, volume: Double, volumeBuy: Double,
        volumeSell: Double, lastTradeTimestamp: Int? = nil
    ) {
        self.day = day
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.volumeBuy = volumeBuy
        self.volumeSell = volumeSell
        self.lastTradeTimestamp = lastTradeTimestamp
    }

    public func candle(complete: Bool) -> Candle {
        Candle(
            day: day, open: open, high: high, low: low, close: close, volume: volume, volumeBuy: volumeBuy,
            volumeSell: volumeSell, complete: complete)
    }

    /// Whether trading visibly continued to within an hour of the day's end. Used for saved files, whose
    /// fetch time is unknown; see `CryptoCompareDay.candles(fromSavedFile:)`.
    public var tradedUntilLastHour: Bool {
        guard let lastTradeTimestamp else { return true }
        return lastTradeTimestamp >= day.adding(days: 1).timestamp - 3_600
    }

    /// Candles for rows read from a file saved at an unknown time. Only the newest day can have been
    /// unfinished when the file was written (every older day was followed by a later one), so it alone is
    /// flagged incomplete when its last trade is more than an hour before the day's end. Applying the
    /// one-hour rule to every row would wrongly flag exchange outages: Kraken had no SOL trade in the last
    /// 5.9 hours of 2021-06-24 and none in the last 2.5 hours of 2021-07-22, yet those days are final.
    public static func candles(fromSavedFile rows: [CryptoCompareDay]) -> [Candle] {
        guard let newest = rows.map(\.day).max() else { return [] }
        return rows.map { row in row.candle(complete: row.day != newest || row.tradedUntilLastHour) }
    }
}
