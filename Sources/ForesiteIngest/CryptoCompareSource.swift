import ForesiteCore

/// One market and instrument of the CryptoCompare data-api as a `DailySource` of candles.
public struct CryptoCompareSource: DailySource {
    public var client: CryptoCompareClient
    public var market: String
    public var instrument: String

    public init(client: CryptoCompareClient, market: String, instrument: String) {
        self.client = client
        self.market = market
        self.instrument = instrument
    }

    public var name: String { CryptoCompareParser.source }

    public func rows(since: Day?) async throws -> SourceRows {
        .candles(try await client.candles(market: market, instrument: instrument, since: since))
    }
}
