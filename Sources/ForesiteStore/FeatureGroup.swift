import ForesiteCore

/// A named set of daily rows in the store (`solana`, `bitcoin`, Fear & Greed, a CSV series), as the original
/// project's Hopsworks feature groups: a name, a kind, a version of its column set, and a description.
public struct FeatureGroup: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable {
        /// Daily OHLCV rows (`candle` table).
        case candle
        /// Fear & Greed Index rows (`fear_greed` table).
        case fearGreed = "fear_greed"
        /// A generic daily series: one value per day and column (`daily_value` table), e.g. a CSV source's.
        case dailyValue = "daily_value"

        /// The kind of group a source's series fills.
        public init(source: Config.SourceKind) {
            switch source {
            case .cryptocompare: self = .candle
            case .alternativeMe: self = .fearGreed
            case .csv: self = .dailyValue
            }
        }
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

    /// The groups a configuration needs: one per configured series (target first, covariates, Fear & Greed).
    public static func all(for config: Config) -> [FeatureGroup] {
        config.series.map { series in
            let kind = Kind(source: series.source)
            let description =
                series.description.isEmpty && kind == .dailyValue
                ? "CSV " + (series.csv?.locationText ?? "") : series.description
            return FeatureGroup(
                name: series.group, kind: kind, description: description,
                market: kind == .candle ? series.market : nil, instrument: kind == .candle ? series.instrument : nil)
        }
    }

    /// `kraken SOL-USD`, `Fear & Greed` for the index, `daily values` for a generic series.
    var source: String {
        switch kind {
        case .candle: "\(market ?? "") \(instrument ?? "")"
        case .fearGreed: "Fear & Greed"
        case .dailyValue: "daily values"
        }
    }
}
