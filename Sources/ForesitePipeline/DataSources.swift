import ForesiteCore
import ForesiteIngest
import Foundation
import Logging

/// Where `backfill` and `update` get rows from: one `DailySource` per configured series, by group. A seam
/// so pipeline tests can point the live sources at a loopback server (through `Config.sources` URLs and
/// CSV `url:`s) or hand in their own sources.
public struct DataSources: Sendable {
    /// The source of each configured series, by feature-group name.
    public var byGroup: [String: any DailySource]

    public init(_ byGroup: [String: any DailySource]) {
        self.byGroup = byGroup
    }

    /// Every configured series resolved through `registry` (default `SourceRegistry.standard`):
    /// CryptoCompare and alternative.me at the configured URLs, CSV series at their URL or file, all with
    /// the configured retry policy. The key is `CRYPTO_API_KEY` from the workspace's environment or `.env`.
    public static func live(
        _ workspace: Workspace, registry: SourceRegistry = .standard, transport: HTTPTransport = .live,
        sleeper: Sleeper = .live, jitter: Jitter = .live, logger: Logger = Logger(label: "foresite.ingest")
    ) throws -> DataSources {
        let settings = workspace.config.sources
        let http = RetryingClient(
            transport: transport, policy: RetryPolicy(settings.retry), sleeper: sleeper, jitter: jitter,
            clock: workspace.clock, logger: logger)
        let context = SourceRegistry.Context(
            http: http, cryptoCompareURL: try url(settings.cryptocompareURL, key: "sources.cryptocompare_url"),
            alternativeMeURL: try url(settings.alternativeMeURL, key: "sources.alternative_me_url"),
            apiKey: APIKey.load(environment: workspace.environment, dotEnv: workspace.url(".env")),
            root: workspace.root)
        var byGroup: [String: any DailySource] = [:]
        for series in workspace.config.series {
            byGroup[series.group] = try registry.source(for: series, context: context)
        }
        return DataSources(byGroup)
    }

    /// The seeded synthetic market (`DemoMarket`): price series `i` of `numbering` (default
    /// `config.instruments`; a target of a `targets:` configuration passes `Workspace.demoInstruments`) is
    /// demo instrument `i` (SOL-like target, BTC-like first covariate, …), Fear & Greed the demo index,
    /// through the last closed day of `clock`. A CSV series read from a `file:` (relative to `root`) is the
    /// demo market's synthetic CSV (`DemoCSVFile`: written to that file, then read by the CSV source); one
    /// read from a URL has no demo counterpart and is left without a source.
    public static func demo(
        config: Config, clock: Clock, market: DemoMarket = DemoMarket(), numbering: [Config.Instrument]? = nil,
        root: URL? = nil
    ) -> DataSources {
        // Only price series take demo instruments, so adding a CSV series renumbers nothing.
        let order = (numbering ?? config.instruments).filter { $0.source == .cryptocompare }
        var byGroup: [String: any DailySource] = [:]
        for series in config.instruments where series.source == .cryptocompare {
            let index = order.firstIndex(of: series) ?? 0
            byGroup[series.group] = DemoSource(market: market, series: .instrument(index), today: clock.today)
        }
        for series in config.instruments where series.source == .csv {
            guard let csv = series.csv, case .file(let path) = csv.location, let root else { continue }
            byGroup[series.group] = DemoCSVFile(
                market: market, file: CSVSource.fileURL(path, root: root), format: csv, clock: clock)
        }
        if config.fearGreed.enabled {
            byGroup[Config.fearGreedGroup] = DemoSource(market: market, series: .fearGreed, today: clock.today)
        }
        return DataSources(byGroup)
    }

    private static func url(_ text: String, key: String) throws -> URL {
        guard let url = URL(string: text), let scheme = url.scheme, ["http", "https"].contains(scheme), url.host != nil
        else {
            throw PipelineError.badSourceURL(key: key, value: text)
        }
        return url
    }
}
