import ForesiteCore

/// A named set of daily rows in the store (`solana`, `bitcoin`, `fear_greed`), as the original project's
/// Hopsworks feature groups: a name, a kind, a version of its column set, and a description.
public struct FeatureGroup: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Daily OHLCV rows (`candle` table).
        case candle
        /// Fear & Greed Index rows (`fear_greed` table).
        case fearGreed = "fear_greed"
    }

    public var name: String
    public var kind: Kind
    /// Version of the group's column set; it changes only with a migration that changes the columns.
    public var version: Int
    public var description: String
    /// Where a price group's rows come from; nil for Fear & Greed.
    public var market: String?
    public var instrument: String?

    public init(
        name: String, kind: Kind, version: Int = 1, description: String, market: String? = nil,
        instrument: String? = nil
    ) {
        self.name = name
        self.kind = kind
        self.version = version
        self.description = description
        self.market = market
        self.instrument = instrument
    }

    /// The groups a configuration needs: one price group per instrument (target first), then Fear & Greed.
    public static func all(for config: Config) -> [FeatureGroup] {
        var groups = config.instruments.map {
            FeatureGroup(
                name: $0.group, kind: .candle, description: $0.description, market: $0.market,
                instrument: $0.instrument)
        }
        if config.fearGreed.enabled {
            groups.append(
                FeatureGroup(
                    name: Config.fearGreedGroup, kind: .fearGreed,
                    description: "Crypto Fear & Greed Index (alternative.me), 0-100 and class 0-4"))
        }
        return groups
    }

    /// `kraken SOL-USD`, or `Fear & Greed` for the index.
    var source: String {
        guard let market, let instrument else { return "Fear & Greed" }
        return "\(market) \(instrument)"
    }
}
