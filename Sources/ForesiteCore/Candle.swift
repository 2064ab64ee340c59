/// One UTC day of trading for one instrument: the row of a price feature group (`solana`, `bitcoin`, …).
public struct Candle: Hashable, Sendable, Codable {
    public var day: Day
    public var open: Double
    public var high: Double
    public var low: Double
    public var close: Double
    /// Base-currency volume (SOL for SOL-USD), and its buy and sell parts.
    public var volume: Double
    public var volumeBuy: Double
    public var volumeSell: Double
    /// False while the day had not closed when it was fetched; such rows are replaced on the next fetch
    /// and never used for training.
    public var complete: Bool

    public init(
        day: Day, open: Double, high: Double, low: Double, close: Double,
        volume: Double, volumeBuy: Double, volumeSell: Double, complete: Bool = true
    ) {
        self.day = day
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.volumeBuy = volumeBuy
        self.volumeSell = volumeSell
        self.complete = complete
    }
}
