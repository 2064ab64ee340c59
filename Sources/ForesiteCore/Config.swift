/// Everything in `site/foresite.yml`: the site, the instruments, the store, the model and the sources.
///
/// Every field has a default, written beside it here (README, "Configuration", lists them), so a missing
/// key means "the default"; `ConfigLoader` reads the YAML, rejects unknown keys and wrong types, and names
/// the key and line of any problem.
public struct Config: Hashable, Sendable, Codable {
    public var site = Site()
    public var store = Store()
    /// The instrument whose open is forecast (default SOL-USD on Kraken, feature group `solana`).
    public var target = Instrument(
        group: "solana", market: "kraken", instrument: "SOL-USD", description: "Solana daily OHLCV (Kraken, USD)")
    /// Further instruments whose columns may feed the model (default BTC-USD, group `bitcoin`).
    public var covariates = [
        Instrument(
            group: "bitcoin", market: "kraken", instrument: "BTC-USD", description: "Bitcoin daily OHLCV (Kraken, USD)")
    ]
    /// The target's price field that is forecast: its daily close (default) or open.
    public var targetField = TargetField.close
    /// Several targets on one site (`targets:`, see `Config+Targets.swift`); empty for the single `target:`.
    public var targets: [Target] = []
    /// The column forecast when the target is a CSV series (`target.field`, one of its `columns`).
    public var targetCSVField: String?
    public var fearGreed = FearGreedSettings()
    public var model = Model()
    /// Models turned on or off by name (`models:`); a model not listed keeps its own default.
    public var models: [String: Bool] = [:]
    public var selection = Selection()
    public var sources = Sources()

    public init() {}

    public struct Site: Hashable, Sendable, Codable {
        public var title = "Foresite"
        public var description = "A daily 10-day forecast of the Solana price, with its accuracy measured honestly."
        /// Absolute URL the site is published at (used by the feed, sitemap and canonical links).
        public var baseURL = "https://example.github.io/foresite/"
        /// Folder `foresite build` writes, relative to the working directory.
        public var output = "docs"
        public var templates = "templates"
        public var staticFiles = "site/static"
        /// Days of price history on the main chart.
        public var historyDays = 120
        /// Whether the site publishes the Hubverse export (`hub/`): a file per model and forecast origin,
        /// about a third of a year-old site's bytes and most of its files. A site of many series may leave
        /// it out to stay within what GitHub Pages publishes (1 GB).
        public var hubExport = true
        public init() {}
    }

    public struct Store: Hashable, Sendable, Codable {
        public var path = "data/foresite.sqlite"
        public var models = "data/models"
        public init() {}
    }

    /// One configured daily series (the target, a covariate or Fear & Greed) and the source it comes from.
    public struct Instrument: Hashable, Sendable, Codable {
        /// Feature-group name in the store, e.g. `solana`; also the column prefix (`solana.open`).
        public var group: String
        /// The CryptoCompare market and instrument; empty for other sources.
        public var market: String
        public var instrument: String
        public var description: String
        /// Which registered source serves the series (`source:`; default `cryptocompare`).
        public var source: SourceKind
        /// Where and how a `csv` series is read; nil for the other sources.
        public var csv: CSVSeries?

        public init(
            group: String, market: String, instrument: String, description: String = "",
            source: SourceKind = .cryptocompare
        ) {
            self.group = group
            self.market = market
            self.instrument = instrument
            self.description = description
            self.source = source
        }

        /// A series read from a CSV file or URL.
        /// A CSV series has no market; its group name is also the name pages show for it.
        public init(group: String, csv: CSVSeries, description: String = "") {
            self.init(group: group, market: "", instrument: group, description: description, source: .csv)
            self.csv = csv
        }

        /// The columns the series' feature group holds, as written after `group.` in `model.inputs`.
        public var fields: [String] {
            switch source {
            case .cryptocompare: Config.priceFields
            case .alternativeMe: Config.fearGreedFields
            case .csv: csv?.columns ?? []
            }
        }
    }

    public struct FearGreedSettings: Hashable, Sendable, Codable {
        public var enabled = true
        public init() {}
    }

    /// Which daily price of the target is forecast. Horizon h is the field's value on origin + h, the
    /// origin being the last complete day. On a market that trades around the clock the next open equals
    /// the origin's close, which is already known: `open` is kept to reproduce the original project.
    public enum TargetField: String, Hashable, Sendable, Codable, CaseIterable {
        case close
        case open
    }

    public enum TargetMode: String, Hashable, Sendable, Codable, CaseIterable {
        /// MinMax-scaled price levels, exactly as the original project.
        case seed
        /// Standardised log returns relative to the last observed open: a zero output is the naive forecast.
        case returns
    }

    public enum Promotion: String, Hashable, Sendable, Codable, CaseIterable {
        /// Champion only if its test MAE beats the current champion's on the same test window.
        case beatChampion = "beat_champion"
        /// The original's rule: champion if test R² > 0.3.
        case r2Threshold = "r2_threshold"
    }

    public struct Model: Hashable, Sendable, Codable {
        /// Input columns as `group.field`, in order. Fields of a price group: open, high, low, close,
        /// volume, volume_buy, volume_sell; of Fear & Greed: value, classification; of a CSV group: its columns.
        public var inputs = Model.defaultInputs
        public var window = 15
        public var horizon = 10
        public var hidden = 30
        public var dense = 10
        public var epochs = 300
        public var batch = 32
        public var learningRate = 1e-4
        public var seed: UInt64 = 42
        public var targetMode = TargetMode.returns
        public var ensemble = 1
        public var retrainEveryDays = 7
        /// Stop after this many epochs without a better validation loss; 0 = never stop early.
        public var patience = 20
        public var promotion = Promotion.beatChampion
        /// Central interval levels published with every forecast.
        public var intervals = [0.5, 0.8, 0.95]
        public init() {}

        /// The ten columns of the original project, in its order (the Keras reference's feature order).
        public static let defaultInputs = [
            "solana.high", "solana.low", "solana.close", "solana.volume", "solana.volume_buy",
            "solana.volume_sell", "bitcoin.open", "\(fearGreedGroup).value", "\(fearGreedGroup).classification",
            "solana.open",
        ]
    }

    /// How the published forecast is chosen among the models (`selection:`).
    public struct Selection: Hashable, Sendable, Codable {
        /// Trailing days of scored forecasts (walk-forward and live) the choice looks at.
        public var windowDays = 90
        /// One model for all horizons, or the best model per horizon.
        public var by = Scope.overall
        public init() {}

        public enum Scope: String, Hashable, Sendable, Codable, CaseIterable {
            case overall
            case horizon
        }
    }

    public struct Sources: Hashable, Sendable, Codable {
        public var cryptocompareURL = "https://data-api.cryptocompare.com"
        public var alternativeMeURL = "https://api.alternative.me"
        public var retry = Retry()
        public init() {}
    }

    public struct Retry: Hashable, Sendable, Codable {
        public var attempts = 4
        /// Give up once this much time has passed across all attempts of one request.
        public var maxSeconds = 60.0
        public var baseDelaySeconds = 0.5
        public var timeoutSeconds = 30.0
        public init() {}
    }

    /// The forecast column, e.g. `solana.close`, or `river.level` for a CSV target.
    public var targetColumn: String { "\(target.group).\(targetFieldName)" }

    /// The column of the latest known value at an origin, persistence's median: the target's close, or
    /// the forecast column itself for a CSV target (a CSV series has no close).
    public var referenceColumn: String {
        target.source == .csv ? targetColumn : "\(target.group).close"
    }

    /// The target's forecast field as written in the ledger: `close`, `open` or a CSV target's column.
    public var targetFieldName: String {
        target.source == .csv ? (targetCSVField ?? "") : targetField.rawValue
    }

    /// How prose names the target's values: a price's close, or a CSV target's own field.
    public var targetWording: SeriesWording {
        target.source == .csv ? .plain(field: targetFieldName) : .price
    }

    /// The target and the covariates, target first (`series` adds Fear & Greed).
    public var instruments: [Instrument] { [target] + covariates }

    /// Every series the sources fetch: the target, the covariates, then Fear & Greed while it is enabled.
    public var series: [Instrument] { instruments + (fearGreed.enabled ? [Config.fearGreedSeries] : []) }
}
