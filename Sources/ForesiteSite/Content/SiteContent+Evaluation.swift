import ForesiteCore

extension SiteContent {
    /// Measured coverage of one interval level: how often the actual fell inside.
    public struct Coverage: Hashable, Sendable {
        public var level: Double
        /// Fraction of forecasts whose interval contained the actual, 0…1.
        public var observed: Double

        public init(level: Double, observed: Double) {
            self.level = level
            self.observed = observed
        }
    }

    /// Accuracy at one horizon over the forecasts whose actuals are known, model beside naive.
    public struct HorizonAccuracy: Hashable, Sendable {
        public var horizon: Int
        public var count: Int
        public var modelMAE: Double
        public var naiveMAE: Double
        public var coverage: [Coverage]

        public init(horizon: Int, count: Int, modelMAE: Double, naiveMAE: Double, coverage: [Coverage]) {
            self.horizon = horizon
            self.count = count
            self.modelMAE = modelMAE
            self.naiveMAE = naiveMAE
            self.coverage = coverage.sorted { $0.level < $1.level }
        }
    }

    /// One model's result at one horizon in a walk-forward backtest.
    public struct BacktestResult: Hashable, Sendable {
        /// e.g. "lstm", "naive", "drift".
        public var model: String
        public var horizon: Int
        public var mae: Double
        public var coverage: [Coverage]

        public init(model: String, horizon: Int, mae: Double, coverage: [Coverage] = []) {
            self.model = model
            self.horizon = horizon
            self.mae = mae
            self.coverage = coverage.sorted { $0.level < $1.level }
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

    /// The latest walk-forward backtest: every model at every horizon over one period.
    public struct BacktestSummary: Hashable, Sendable {
        public var from: Day
        public var to: Day
        /// e.g. folds, retrain step, window; shown in order.
        public var settings: [Setting]
        public var results: [BacktestResult]

        public init(from: Day, to: Day, settings: [Setting], results: [BacktestResult]) {
            self.from = from
            self.to = to
            self.settings = settings
            self.results = results
        }

        /// Model names in first-seen order.
        public var modelNames: [String] {
            var seen: [String] = []
            for result in results where !seen.contains(result.model) { seen.append(result.model) }
            return seen
        }
    }

    /// One metric of a model version on one split, with the naive forecast's on the same days.
    public struct ModelMetric: Hashable, Sendable {
        /// "validation" or "test".
        public var split: String
        /// e.g. "MAE", "RMSE".
        public var name: String
        public var model: Double
        public var naive: Double?

        public init(split: String, name: String, model: Double, naive: Double?) {
            self.split = split
            self.name = name
            self.model = model
            self.naive = naive
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
