import ForesiteCore
import ForesiteML
import Foundation

/// Small deterministic candle and Fear & Greed series for tests that must not depend on shared data.
enum SyntheticMarket {
    static let start = Day(iso: "2023-01-01")!

    /// `days` candles of a smooth, noisy price path starting on `start`.
    static func candles(days: Int, base: Double = 100, seed: UInt64 = 1) -> [Candle] {
        var generator = SeededGenerator(seed: seed)
        return (0..<days).map { offset in
            let open = base * (1 + 0.2 * sin(Double(offset) / 7)) + generator.nextUnit()
            let close = open * (1 + 0.02 * (generator.nextUnit() - 0.5))
            let volume = 1000 + 100 * generator.nextUnit()
            return Candle(
                day: start.adding(days: offset), open: open, high: max(open, close) + 1, low: min(open, close) - 1,
                close: close, volume: volume, volumeBuy: volume * 0.6, volumeSell: volume * 0.4)
        }
    }

    static func fearGreed(days: Int) -> [FearGreedReading] {
        (0..<days).map { offset in
            let value = 50 + Int(40 * sin(Double(offset) / 11))
            return FearGreedReading(
                day: start.adding(days: offset), value: value, classification: FearGreedClass(value: value))
        }
    }

    /// A frame with `solana.open`, `solana.close`, `bitcoin.open` over `days` days.
    static func frame(days: Int) throws -> FeatureFrame {
        try FeatureFrame.join(
            candles: ["solana": candles(days: days), "bitcoin": candles(days: days, base: 30_000, seed: 2)],
            fearGreed: nil, columns: columns)
    }

    static let columns = ["solana.close", "bitcoin.open", "solana.open"]
}
