/// The character of one synthetic instrument in `DemoMarket`: its price level, volatility, link to the
/// market and trading volume.
public struct DemoInstrumentProfile: Hashable, Sendable {
    public var name: String
    /// Close of the day before `DemoMarket.epoch`.
    public var startPrice: Double
    /// Long-run standard deviation of daily log returns (0.045 = 4.5 %).
    public var dailyVolatility: Double
    /// Correlation of the instrument's return shock with the common market shock; two instruments'
    /// returns correlate by the product of their loadings.
    public var marketLoading: Double
    /// Daily growth of the log price the series is weakly pulled towards (a long bull trend with cycles).
    public var trendPerDay: Double
    /// Typical daily volume in base-currency units.
    public var typicalVolume: Double

    public init(
        name: String, startPrice: Double, dailyVolatility: Double, marketLoading: Double, trendPerDay: Double,
        typicalVolume: Double
    ) {
        self.name = name
        self.startPrice = startPrice
        self.dailyVolatility = dailyVolatility
        self.marketLoading = marketLoading
        self.trendPerDay = trendPerDay
        self.typicalVolume = typicalVolume
    }

    /// SOL-like: 4.5 % daily volatility, loading 0.82 (correlation with BTC-like ≈ 0.75).
    public static let solanaLike = DemoInstrumentProfile(
        name: "SOL-like", startPrice: 3, dailyVolatility: 0.045, marketLoading: 0.82, trendPerDay: 0.0015,
        typicalVolume: 400_000)
    /// BTC-like: 2.8 % daily volatility, loading 0.915 (it mostly *is* the market).
    public static let bitcoinLike = DemoInstrumentProfile(
        name: "BTC-like", startPrice: 3_800, dailyVolatility: 0.028, marketLoading: 0.915, trendPerDay: 0.0012,
        typicalVolume: 3_000)

    /// The profile of instrument `index`: 0 SOL-like (the target), 1 BTC-like, then generic altcoins whose
    /// volatility and loading vary a little with the index so that covariates differ from each other.
    public static func forInstrument(_ index: Int) -> DemoInstrumentProfile {
        switch index {
        case 0: return .solanaLike
        case 1: return .bitcoinLike
        default:
            let step = Double((index - 2) % 5)
            return DemoInstrumentProfile(
                name: "ALT\(index - 1)-like", startPrice: 0.5 * Double(index), dailyVolatility: 0.035 + 0.004 * step,
                marketLoading: 0.78 - 0.04 * step, trendPerDay: 0.0008, typicalVolume: 1_000_000)
        }
    }
}
