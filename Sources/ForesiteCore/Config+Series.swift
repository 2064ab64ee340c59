extension Config {
    /// The store name of the Fear & Greed feature group and the prefix of its input columns: the one place
    /// the name is written.
    public static let fearGreedGroup = "fear_greed"
    /// Columns of every price group, as written in `model.inputs` (`solana.volume_buy`).
    public static let priceFields = ["open", "high", "low", "close", "volume", "volume_buy", "volume_sell"]
    /// Columns of the Fear & Greed group.
    public static let fearGreedFields = ["value", "classification"]

    /// The Crypto Fear & Greed Index as a series: one instance of the alternative.me source, fetched while
    /// `fear_greed.enabled` is true.
    public static let fearGreedSeries = Instrument(
        group: fearGreedGroup, market: "", instrument: "",
        description: "Crypto Fear & Greed Index (alternative.me), 0-100 and class 0-4", source: .alternativeMe)

    /// The kinds of source a series can come from; each has one entry in the ingest registry
    /// (`SourceRegistry.standard`). The raw value is the source's name in messages and in `source:`.
    public enum SourceKind: String, Hashable, Sendable, Codable, CaseIterable {
        /// Daily OHLCV of any market and instrument from the CryptoCompare data-api.
        case cryptocompare
        /// The Crypto Fear & Greed Index (configured by `fear_greed:`, not by `source:`).
        case alternativeMe = "alternative.me"
        /// Any daily series in a CSV file or at an http(s) URL.
        case csv

        /// The kinds an item of `target:` or `covariates:` may name in `source:`.
        public static let configurable: [SourceKind] = [.cryptocompare, .csv]
    }

    /// Where a `csv` series is read and how its text is understood.
    public struct CSVSeries: Hashable, Sendable, Codable {
        /// An http(s) URL fetched through the retrying client, or a file path (relative to the workspace root).
        public enum Location: Hashable, Sendable, Codable {
            case url(String)
            case file(String)
        }

        public var location: Location
        /// The header of the column holding the day.
        public var dateColumn = "date"
        /// The numeric columns kept, by header; each becomes `group.column`.
        public var columns: [String]
        /// A `DateFormatter` pattern such as `yyyy-MM-dd` (default), or `unix` for seconds since 1970.
        public var dateFormat = CSVSeries.defaultDateFormat
        /// The time zone dates are read in (an identifier such as `UTC` or `Europe/Paris`); a row belongs to
        /// the calendar day its date falls on there.
        public var timezone = "UTC"

        public static let defaultDateFormat = "yyyy-MM-dd"
        /// The `date_format` that reads the date column as seconds since 1970-01-01 00:00 UTC.
        public static let unixSeconds = "unix"

        public init(location: Location, columns: [String]) {
            self.location = location
            self.columns = columns
        }

        /// The location as the configuration wrote it (the URL or the path).
        public var locationText: String {
            switch location {
            case .url(let text), .file(let text): text
            }
        }
    }
}
