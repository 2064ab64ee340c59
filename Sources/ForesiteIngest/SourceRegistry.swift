import ForesiteCore
import Foundation

/// The one table from a configured series' `source:` to the `DailySource` that fetches it: adding a
/// source is one file (its `DailySource`), one `Config.SourceKind` case and one line in `standard`.
public struct SourceRegistry: Sendable {
    /// What a source may need besides its series: the HTTP client, the API locations and key, and the
    /// folder relative file paths start from.
    public struct Context: Sendable {
        public var http: RetryingClient
        public var cryptoCompareURL: URL
        public var alternativeMeURL: URL
        public var apiKey: APIKey?
        /// The workspace root: a CSV series' `file:` is relative to it unless absolute.
        public var root: URL

        public init(
            http: RetryingClient, cryptoCompareURL: URL, alternativeMeURL: URL, apiKey: APIKey?, root: URL
        ) {
            self.http = http
            self.cryptoCompareURL = cryptoCompareURL
            self.alternativeMeURL = alternativeMeURL
            self.apiKey = apiKey
            self.root = root
        }
    }

    public typealias Factory = @Sendable (Config.Instrument, Context) throws -> any DailySource

    public var factories: [Config.SourceKind: Factory]

    public init(factories: [Config.SourceKind: Factory]) {
        self.factories = factories
    }

    /// CryptoCompare (any market and instrument), alternative.me and CSV over HTTP or from a file.
    public static let standard = SourceRegistry(factories: [
        .cryptocompare: { series, context in
            CryptoCompareSource(
                client: CryptoCompareClient(
                    baseURL: context.cryptoCompareURL, apiKey: context.apiKey, http: context.http),
                market: series.market, instrument: series.instrument)
        },
        .alternativeMe: { _, context in
            AlternativeMeSource(client: AlternativeMeClient(baseURL: context.alternativeMeURL, http: context.http))
        },
        .csv: { series, context in
            guard let csv = series.csv else {
                throw IngestError(
                    source: "csv \(series.group)", reason: .unrecognisedFormat(detail: "no csv settings"))
            }
            switch csv.location {
            case .url(let text):
                guard let url = URL(string: text), ["http", "https"].contains(url.scheme ?? ""), url.host != nil
                else {
                    throw IngestError(source: "csv \(series.group)", reason: .badURL(text))
                }
                return CSVSource(location: .url(url, context.http), format: csv, clock: context.http.clock)
            case .file(let path):
                return CSVSource(
                    location: .file(CSVSource.fileURL(path, root: context.root)), format: csv, clock: context.http.clock
                )
            }
        },
    ])

    /// The source of `series`; an `IngestError` when no source of its kind is registered.
    public func source(for series: Config.Instrument, context: Context) throws -> any DailySource {
        guard let factory = factories[series.source] else {
            throw IngestError(
                source: series.source.rawValue,
                reason: .unrecognisedFormat(detail: "no source '\(series.source.rawValue)' is registered"))
        }
        return try factory(series, context)
    }
}
