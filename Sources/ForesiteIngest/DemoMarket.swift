import ForesiteCore
import Foundation

/// A deterministic synthetic market for offline runs (`foresite run --demo`), tests and benchmarks: daily
/// candles for any number of instruments and a Fear & Greed Index that follows momentum.
///
/// **Model.** One common market shock `z_m` and one own shock `z_i` per instrument and day (standard
/// normals). Volatility clusters market-wide: a GARCH(1,1) variance multiplier
/// `v_t = 0.02 + 0.08·v_{t-1}·z_m,t-1² + 0.90·v_{t-1}` (long-run mean 1). Instrument `i`'s log return is
/// `σ_i·√v_t·(ρ_i·z_m + √(1-ρ_i²)·z_i) − ½σ_i²v_t − κ·(log P − trend)`, i.e. geometric Brownian motion with
/// loading `ρ_i` on the market (correlation of two instruments ≈ `ρ_i·ρ_j`: 0.75 for SOL-like/BTC-like) and
/// a weak pull (κ = 0.003, half-life ≈ 230 days) towards a log-linear trend, so prices cycle around a
/// plausible path instead of drifting to 10⁻⁴ or 10⁶ over decades. See `DemoInstrumentProfile` for σ, ρ.
///
/// **Candles.** Open = previous close (crypto trades around the clock); high and low extend beyond
/// max/min(open, close) by half-normal moves scaled by the day's volatility. Volume is log-normal around the
/// profile's level, higher on big moves, with AR(1) persistence; the buy share leans towards the day's
/// direction.
///
/// **Fear & Greed.** `target = 50 + 45·tanh(0.8·m/(σ_btc·√14))` where `m` is the BTC-like log return over the
/// last 14 days; the index moves 30 % of the way to the target each day plus noise (σ = 4), is clipped to
/// 0…100 and rounded; classes come from `FearGreedClass(value:)`.
///
/// **Prefix-stable.** Everything starts at `epoch` (2019-01-01) and every instrument, the market and the
/// index draw from their own seeded streams a fixed number of times per day, so the row of a day never
/// depends on the requested end day or on how many instruments are generated: a daily demo run appends rows
/// consistent with the ones it stored before. All rows are `complete`; callers stop at the last closed day.
public struct DemoMarket: Hashable, Sendable {
    /// The first generated day.
    public static let epoch = Day(iso: "2019-01-01")!
    public var seed: UInt64

    public init(seed: UInt64 = 2019) {
        self.seed = seed
    }

    /// Candles of instrument `index` (0 SOL-like, 1 BTC-like, 2… altcoins) from `epoch` through `last`.
    public func candles(instrument index: Int, through last: Day) -> [Candle] {
        let days = dayCount(through: last)
        return candles(instrument: index, market: marketPath(days: days))
    }

    /// The Fear & Greed Index from `epoch` through `last`.
    public func fearGreed(through last: Day) -> [FearGreedReading] {
        let days = dayCount(through: last)
        return fearGreed(bitcoin: candles(instrument: 1, market: marketPath(days: days)))
    }

    /// Instruments `0..<count` and the index in one pass (the market path is computed once).
    public func history(instruments count: Int, through last: Day) -> DemoHistory {
        let market = marketPath(days: dayCount(through: last))
        let candles = (0..<max(0, count)).map { self.candles(instrument: $0, market: market) }
        let bitcoin = candles.count > 1 ? candles[1] : self.candles(instrument: 1, market: market)
        return DemoHistory(candles: candles, fearGreed: fearGreed(bitcoin: bitcoin))
    }

    private func dayCount(through last: Day) -> Int { max(0, last.days(since: Self.epoch) + 1) }

    /// The stream for one component; distinct tags give unrelated streams for the same seed.
    private func generator(_ tag: UInt64) -> SeededGenerator {
        SeededGenerator(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ (tag &* 0xD1B5_4A32_D192_ED03))
    }

    /// The market shock and volatility multiplier of each day.
    private func marketPath(days: Int) -> [(shock: Double, variance: Double)] {
        var random = generator(1)
        var path: [(shock: Double, variance: Double)] = []
        path.reserveCapacity(days)
        var variance = 1.0
        var previousShock = 0.0
        for _ in 0..<days {
            variance = 0.02 + 0.08 * variance * previousShock * previousShock + 0.90 * variance
            let shock = random.nextGaussian()
            path.append((shock, variance))
            previousShock = shock
        }
        return path
    }

    private func candles(instrument index: Int, market: [(shock: Double, variance: Double)]) -> [Candle] {
        let profile = DemoInstrumentProfile.forInstrument(index)
        var random = generator(100 + UInt64(index))
        let loading = profile.marketLoading
        let ownWeight = (1 - loading * loading).squareRoot()
        let anchor = log(profile.startPrice)
        var logPrice = anchor
        var volumeNoise = 0.0
        var result: [Candle] = []
        result.reserveCapacity(market.count)
        for (offset, (marketShock, variance)) in market.enumerated() {
            // Five draws per day, always, so the stream stays aligned whatever happens.
            let own = random.nextGaussian()
            let upper = abs(random.nextGaussian())
            let lower = abs(random.nextGaussian())
            let volumeShock = random.nextGaussian()
            let buyShock = random.nextGaussian()

            let sigma = profile.dailyVolatility * variance.squareRoot()
            let shock = loading * marketShock + ownWeight * own
            let trend = anchor + profile.trendPerDay * Double(offset)
            let logReturn = sigma * shock - 0.5 * sigma * sigma - 0.003 * (logPrice - trend)
            let open = exp(logPrice)
            logPrice += logReturn
            let close = exp(logPrice)
            let high = max(open, close) * exp(0.4 * sigma * upper)
            let low = min(open, close) * exp(-0.4 * sigma * lower)

            volumeNoise = 0.7 * volumeNoise + 0.25 * volumeShock
            let volume = profile.typicalVolume * exp(0.6 * (abs(shock) * variance.squareRoot() - 0.8) + volumeNoise)
            let buyShare = min(0.95, max(0.05, 0.5 + 0.15 * tanh(shock) + 0.03 * buyShock))
            let volumeBuy = volume * buyShare
            result.append(
                Candle(
                    day: Self.epoch.adding(days: offset), open: open, high: high, low: low, close: close,
                    volume: volume, volumeBuy: volumeBuy, volumeSell: volume - volumeBuy, complete: true))
        }
        return result
    }

    private func fearGreed(bitcoin: [Candle]) -> [FearGreedReading] {
        var random = generator(2)
        let scale = DemoInstrumentProfile.bitcoinLike.dailyVolatility * 14.0.squareRoot()
        var index = 50.0
        return bitcoin.enumerated().map { offset, candle in
            let noise = random.nextGaussian()
            let start = bitcoin[max(0, offset - 13)].open
            let momentum = log(candle.close / start)
            let target = 50 + 45 * tanh(0.8 * momentum / scale)
            index = min(100, max(0, index + 0.3 * (target - index) + 4 * noise))
            let value = Int(index.rounded())
            return FearGreedReading(day: candle.day, value: value, classification: FearGreedClass(value: value))
        }
    }
}

/// Candles of several demo instruments (index = instrument number) and the matching Fear & Greed series.
public struct DemoHistory: Hashable, Sendable {
    public var candles: [[Candle]]
    public var fearGreed: [FearGreedReading]
}
