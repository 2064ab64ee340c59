import ForesiteCore
import ForesiteIngest
import Foundation
import Logging

/// Where `backfill` and `update` get rows from: the two APIs, or the demo market. A seam so pipeline tests
/// can point the live clients at a loopback server (through `Config.sources` URLs) or use plain closures.
///
/// `since` nil means "everything the source has"; otherwise the days from `since` on.
public struct DataSources: Sendable {
    /// Candles of one configured instrument.
    public var candles: @Sendable (_ instrument: Config.Instrument, _ since: Day?) async throws -> [Candle]
    public var fearGreed: @Sendable (_ since: Day?) async throws -> [FearGreedReading]
    /// The source's name in messages, e.g. `cryptocompare`.
    public var candleSource: String
    public var fearGreedSource: String

    public init(
        candleSource: String, fearGreedSource: String,
        candles: @escaping @Sendable (Config.Instrument, Day?) async throws -> [Candle],
        fearGreed: @escaping @Sendable (Day?) async throws -> [FearGreedReading]
    ) {
        self.candleSource = candleSource
        self.fearGreedSource = fearGreedSource
        self.candles = candles
        self.fearGreed = fearGreed
    }

    /// CryptoCompare and alternative.me at the configured URLs, with the configured retry policy. The key is
    /// `CRYPTO_API_KEY` from the workspace's environment or its `.env` file.
    public static func live(
        _ workspace: Workspace, transport: HTTPTransport = .live, sleeper: Sleeper = .live, jitter: Jitter = .live,
        logger: Logger = Logger(label: "foresite.ingest")
    ) throws -> DataSources {
        let settings = workspace.config.sources
        let http = RetryingClient(
            transport: transport, policy: RetryPolicy(settings.retry), sleeper: sleeper, jitter: jitter,
            clock: workspace.clock, logger: logger)
        let cryptoCompare = CryptoCompareClient(
            baseURL: try url(settings.cryptocompareURL, key: "sources.cryptocompare_url"),
            apiKey: APIKey.load(environment: workspace.environment, dotEnv: workspace.url(".env")), http: http)
        let alternativeMe = AlternativeMeClient(
            baseURL: try url(settings.alternativeMeURL, key: "sources.alternative_me_url"), http: http)
        return DataSources(
            candleSource: CryptoCompareParser.source, fearGreedSource: AlternativeMeParser.source,
            candles: { instrument, since in
                try await cryptoCompare.candles(
                    market: instrument.market, instrument: instrument.instrument, since: since)
            },
            fearGreed: { since in try await alternativeMe.readings(since: since) })
    }

    /// The seeded synthetic market (`DemoMarket`): instrument `i` of `config.instruments` is demo instrument
    /// `i` (SOL-like target, BTC-like first covariate, …), through the last closed day of `clock`.
    /// `numbering` orders the instruments as the demo market numbers them (default `config.instruments`; a
    /// target of a `targets:` configuration passes `Workspace.demoInstruments`).
    public static func demo(
        config: Config, clock: Clock, market: DemoMarket = DemoMarket(), numbering: [Config.Instrument]? = nil
    ) -> DataSources {
        let instruments = numbering ?? config.instruments
        return DataSources(
            candleSource: "demo market", fearGreedSource: "demo market",
            candles: { instrument, since in
                let index = instruments.firstIndex(of: instrument) ?? 0
                let rows = market.candles(instrument: index, through: clock.today.adding(days: -1))
                return rows.filter { since == nil || $0.day >= since! }
            },
            fearGreed: { since in
                market.fearGreed(through: clock.today.adding(days: -1)).filter { since == nil || $0.day >= since! }
            })
    }

    private static func url(_ text: String, key: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else {
            throw PipelineError.badSourceURL(key: key, value: text)
        }
        return url
    }
}
