import ForesiteCore
import ForesiteStore

/// Small synthetic data sets for store, pipeline and site tests: deterministic, valid by construction.
public enum StoreFixtures {
    /// `count` consecutive complete candles from `start`, a seeded random walk around `price` whose
    /// high/low bracket open and close, so every row passes `RowValidator`.
    public static func candles(from start: Day, count: Int, price: Double = 100, seed: UInt64 = 1) -> [Candle] {
        var generator = SeededGenerator(seed: seed)
        var open = price
        return (0..<count).map { index in
            let close = open * (1 + 0.03 * generator.nextGaussian())
            let high = max(open, close) * (1 + 0.01 * generator.nextUnit())
            let low = min(open, close) * (1 - 0.01 * generator.nextUnit())
            let volume = 1_000 + 500 * generator.nextUnit()
            let buy = volume * generator.nextUnit()
            defer { open = close }
            return Candle(
                day: start.adding(days: index), open: open, high: high, low: low, close: close, volume: volume,
                volumeBuy: buy, volumeSell: volume - buy)
        }
    }

    /// `count` consecutive Fear & Greed readings from `start`, values cycling through all five classes.
    public static func fearGreed(from start: Day, count: Int) -> [FearGreedReading] {
        (0..<count).map { index in
            let value = (index * 17 + 10) % 101
            return FearGreedReading(
                day: start.adding(days: index), value: value, classification: FearGreedClass(value: value))
        }
    }

    /// A candle whose open, high, low and close are all `price` (handy for hand-computed accuracy tests).
    public static func flat(_ day: Day, price: Double, complete: Bool = true) -> Candle {
        Candle(
            day: day, open: price, high: price, low: price, close: price, volume: 1, volumeBuy: 0.5,
            volumeSell: 0.5, complete: complete)
    }

    /// Parses `YYYY-MM-DD`, trapping on a typo in a test.
    public static func day(_ iso: String) -> Day {
        guard let day = Day(iso: iso) else { preconditionFailure("not a day: \(iso)") }
        return day
    }
}
