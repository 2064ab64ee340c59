import ForesiteCore

extension SiteContent {
    /// One model against persistence over one sample (the live ledger, or a backtest): per horizon and
    /// overall, the model's and persistence's scores on the same forecasts, relative WIS and the verdict.
    public struct SkillTable: Hashable, Sendable {
        /// e.g. "lstm", "lstm-returns", "drift".
        public var model: String
        /// The first and last origin scored.
        public var from: Day
        public var to: Day
        /// Ascending by horizon.
        public var horizons: [SkillComparison]
        public var overall: SkillComparison

        public init(model: String, from: Day, to: Day, horizons: [SkillComparison], overall: SkillComparison) {
            self.model = model
            self.from = from
            self.to = to
            self.horizons = horizons.sorted { ($0.horizon ?? 0) < ($1.horizon ?? 0) }
            self.overall = overall
        }
    }

    /// A named setting shown as-is (hyperparameters, backtest settings).
    public struct Setting: Hashable, Sendable {
        public var name: String
        public var value: String

        public init(_ name: String, _ value: String) {
            self.name = name
            self.value = value
        }
    }

    /// The latest walk-forward backtest: every model against persistence on the same origins.
    public struct BacktestSummary: Hashable, Sendable {
        public var from: Day
        public var to: Day
        /// e.g. origins, retrain step, ensemble; shown in order.
        public var settings: [Setting]
        /// One table per model other than persistence, the published model's first.
        public var tables: [SkillTable]

        public init(from: Day, to: Day, settings: [Setting], tables: [SkillTable]) {
            self.from = from
            self.to = to
            self.settings = settings
            self.tables = tables
        }

        /// Model names in table order.
        public var modelNames: [String] { tables.map(\.model) }
    }

    /// One metric of a model version on one split, with persistence's on the same days.
    public struct ModelMetric: Hashable, Sendable {
        /// "validation" or "test".
        public var split: String
        /// e.g. "MAE (USD)", "WIS (USD)".
        public var name: String
        public var model: Double
        public var persistence: Double?

        public init(split: String, name: String, model: Double, persistence: Double?) {
            self.split = split
            self.name = name
            self.model = model
            self.persistence = persistence
        }
    }

    /// One registered model version: the model card's facts.
    public struct ModelVersion: Hashable, Sendable {
        public var version: String
        public var created: Day
        /// Target mode, e.g. "returns" or "seed".
        public var mode: String
        public var isChampion: Bool
        /// e.g. "LSTM(30) → Dense(10, relu) → Dense(10)".
        public var architecture: String
        public var hyperparameters: [Setting]
        public var trainingFrom: Day
        public var trainingTo: Day
        /// Input columns as `group.field`.
        public var inputs: [String]
        public var metrics: [ModelMetric]
        /// Free text recorded with the version, if any.
        public var notes: String?

        public init(
            version: String, created: Day, mode: String, isChampion: Bool, architecture: String,
            hyperparameters: [Setting], trainingFrom: Day, trainingTo: Day, inputs: [String],
            metrics: [ModelMetric], notes: String? = nil
        ) {
            self.version = version
            self.created = created
            self.mode = mode
            self.isChampion = isChampion
            self.architecture = architecture
            self.hyperparameters = hyperparameters
            self.trainingFrom = trainingFrom
            self.trainingTo = trainingTo
            self.inputs = inputs
            self.metrics = metrics
            self.notes = notes
        }
    }
}
