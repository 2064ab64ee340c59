import ForesiteCore

/// Everything the site shows, as plain values: the one input of `SiteBuilder`.
///
/// The pipeline maps the store, ledger, registry and backtest into this snapshot, so the site depends on
/// nothing but Core and can be rendered from a fixture in tests. Every optional or empty part is shown as
/// "not yet available" rather than failing the build. Nothing in here reads the clock: `asOf` comes from
/// the data, which keeps identical inputs byte-identical on the page.
public struct SiteContent: Hashable, Sendable {
    /// Title, description, base URL and the price-chart window (`historyDays`).
    public var site: Config.Site
    /// The day the site speaks about: the last complete day of data (never the wall clock).
    public var asOf: Day
    /// True when built from the synthetic demo market; every page then carries a banner.
    public var isDemo: Bool
    /// Set when a source failed and the site was rebuilt from stored data.
    public var staleNotice: StaleNotice?
    /// The forecast instrument (e.g. SOL-USD on Kraken, group `solana`).
    public var target: Config.Instrument
    /// The target's forecast field, e.g. "close".
    public var targetField: String
    /// How the target's values are written: dollars for a price (the default), plain numbers named by the
    /// field for any other series (a CSV target). Set by the loader from the target's source.
    public var valueStyle: ValueStyle
    /// Further instruments shown beside the target (e.g. BTC-USD, group `bitcoin`).
    public var covariates: [Config.Instrument]
    /// Every configured series read by the CSV source (the target or covariates), target first: the data page
    /// offers each one's stored daily values for download (`downloads/<group>.csv`, read from `HistorySource`).
    public var csvSeries: [Config.Instrument]
    /// Daily candles per feature group name, ascending by day. Groups without data may be absent.
    public var prices: [String: [Candle]]
    /// Fear & Greed readings, ascending by day; empty when the index is disabled or not yet fetched.
    public var fearGreed: [FearGreedReading]
    /// The newest published forecast in the ledger, if any, under the name and version of the model chosen
    /// that day (the ledger's "published" row keeps the choice and its evidence in its version instead).
    public var latestForecast: IssuedForecast?
    /// Persistence's forecast made the same day as `latestForecast`, shown beside it; nil if not recorded.
    public var latestPersistence: IssuedForecast?
    /// Every forecast step of the published model ever written to the ledger, with persistence's
    /// forecast of the same day and the actual once known.
    public var ledger: [LedgerEntry]
    /// The published model against persistence over the ledger's scored forecasts; nil before any
    /// forecast could be scored.
    public var liveSkill: SkillTable?
    /// Every ledger row (all models) with its chain hashes, in chain order: `downloads/ledger.csv`.
    public var ledgerRecords: [LedgerRecord]
    /// The hash chain walked over `ledgerRecords` (the build refuses a broken chain before rendering).
    public var ledgerVerification: LedgerVerification
    /// Every model of the catalog that is enabled or has forecasts, in catalog order (persistence first).
    public var modelSummaries: [ModelSummary]
    /// The ledger's models against persistence over the last 30 days, the last 90 days and all forecasts.
    public var leaderboards: [LeaderboardWindow]
    /// Which model is published and why; nil before the first selection.
    public var publication: Publication?
    /// Every day a forecast was made, with every model's forecast of it, oldest first.
    public var archive: [ArchiveDay]
    /// The latest walk-forward backtest, if one was run.
    public var backtest: BacktestSummary?
    /// Every registered model version, newest first.
    public var models: [ModelVersion]
    /// Row counts, ranges, gaps and freshness per feature group.
    public var featureGroups: [FeatureGroupSummary]
    /// Rows the validation step refused, newest first.
    public var rejections: [ValidationRejection]
    /// True when this is one target of an overview one folder up (`SiteOverview`): every page then links
    /// "All series". Set by the overview's build, not by the loader.
    public var isPartOfOverview = false

    public init(
        site: Config.Site, asOf: Day, isDemo: Bool = false, staleNotice: StaleNotice? = nil,
        target: Config.Instrument, targetField: String = "close", valueStyle: ValueStyle = .price,
        covariates: [Config.Instrument] = [], csvSeries: [Config.Instrument] = [],
        prices: [String: [Candle]] = [:], fearGreed: [FearGreedReading] = [],
        latestForecast: IssuedForecast? = nil, latestPersistence: IssuedForecast? = nil, ledger: [LedgerEntry] = [],
        liveSkill: SkillTable? = nil,
        ledgerRecords: [LedgerRecord] = [], ledgerVerification: LedgerVerification? = nil,
        modelSummaries: [ModelSummary] = [], leaderboards: [LeaderboardWindow] = [], publication: Publication? = nil,
        archive: [ArchiveDay] = [], backtest: BacktestSummary? = nil, models: [ModelVersion] = [],
        featureGroups: [FeatureGroupSummary] = [], rejections: [ValidationRejection] = []
    ) {
        self.site = site
        self.asOf = asOf
        self.isDemo = isDemo
        self.staleNotice = staleNotice
        self.target = target
        self.targetField = targetField
        self.valueStyle = valueStyle
        self.covariates = covariates
        self.csvSeries = csvSeries
        self.prices = prices
        self.fearGreed = fearGreed
        self.latestForecast = latestForecast
        self.latestPersistence = latestPersistence
        self.ledger = ledger
        self.liveSkill = liveSkill
        self.ledgerRecords = ledgerRecords
        self.ledgerVerification = ledgerVerification ?? LedgerVerification(records: ledgerRecords)
        self.modelSummaries = modelSummaries
        self.leaderboards = leaderboards
        self.publication = publication
        self.archive = archive
        self.backtest = backtest
        self.models = models
        self.featureGroups = featureGroups
        self.rejections = rejections
    }

    /// The target's candles (empty when none are stored yet).
    public var targetCandles: [Candle] { prices[target.group] ?? [] }

    /// The champion model, if one is registered.
    public var champion: ModelVersion? { models.first(where: \.isChampion) }
}

extension SiteContent {
    /// Why the site shows older data than expected: the stale-data banner.
    public struct StaleNotice: Hashable, Sendable {
        /// The last day the stored data covers.
        public var dataAsOf: Day
        /// Names of the sources that failed, e.g. `["alternative.me"]`.
        public var failedSources: [String]

        public init(dataAsOf: Day, failedSources: [String]) {
            self.dataAsOf = dataAsOf
            self.failedSources = failedSources
        }

        /// "Data as of 2025-01-14 — source alternative.me failed".
        public var message: String {
            let noun = failedSources.count == 1 ? "source" : "sources"
            let names = failedSources.isEmpty ? "a source" : "\(noun) \(failedSources.joined(separator: ", "))"
            return "Data as of \(dataAsOf.iso) — \(names) failed"
        }
    }
}
