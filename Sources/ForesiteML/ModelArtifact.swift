import ForesiteCore

/// One trained model as a single versioned JSON file: what it is, what it was trained on, how well it
/// does, and every weight (Keras names and layout). The format is documented in ModelFormat.md.
public struct ModelArtifact: Hashable, Sendable, Codable {
    /// Bumped on any incompatible change; `read(from:)` refuses other versions.
    public static let formatVersion = 1

    public var formatVersion: Int
    public var architecture: ArtifactArchitecture
    /// Input columns in window order, and the column whose future values are predicted.
    public var inputs: [String]
    public var target: String
    public var targetMode: Config.TargetMode
    /// Returns mode: the input column whose last-day value the predicted log returns are relative to.
    /// Absent in artifacts written before it existed, which means `target`.
    public var targetReference: String?
    /// How a raw window is prepared for `featureScaler` (`levels` or `relative`, see InputTransform).
    /// Absent in artifacts written before it existed, which means `levels`.
    public var inputTransform: InputTransform?
    public var featureScaler: Scaler
    public var targetScaler: Scaler
    /// Returns mode: per horizon step, the factor (0…1) applied to the decoded log return, fitted on the
    /// validation windows. Absent in artifacts written before it existed, which means 1 (no shrinkage).
    public var targetShrinkage: [Double]?
    public var weights: KerasWeights
    public var data: DataWindow
    /// Hash of the configuration that produced the model, as the caller computed it.
    public var configHash: String
    public var metrics: Evaluation
    public var training: TrainingSummary
    /// Seeds of the members when this model is one of an ensemble trained together.
    public var ensembleSeeds: [UInt64]?

    /// The network's shape plus the fixed activations, spelled out so a reader need not know them.
    public struct ArtifactArchitecture: Hashable, Sendable, Codable {
        public var window: Int
        public var features: Int
        public var lstmUnits: Int
        public var lstmActivation = "tanh"
        public var lstmRecurrentActivation = "sigmoid"
        public var gateOrder = "i,f,c,o"
        public var denseUnits: Int
        public var denseActivation = "relu"
        public var outputUnits: Int
        public var outputActivation = "linear"

        public init(_ architecture: Architecture) {
            window = architecture.window
            features = architecture.features
            lstmUnits = architecture.hidden
            denseUnits = architecture.dense
            outputUnits = architecture.outputs
        }

        public var architecture: Architecture {
            Architecture(window: window, features: features, hidden: lstmUnits, dense: denseUnits, outputs: outputUnits)
        }
    }

    /// The days the model saw: the whole range of windows and targets, and each split's window-end days.
    public struct DataWindow: Hashable, Sendable, Codable {
        public var firstDay: Day
        public var lastDay: Day
        public var training: DayRange
        public var validation: DayRange
        public var test: DayRange
        /// Days whose Fear & Greed values were filled from the day before.
        public var filledDays: [Day]
    }

    /// The last input day of a split's first and last window, and its number of windows.
    public struct DayRange: Hashable, Sendable, Codable {
        public var first: Day
        public var last: Day
        public var windows: Int
    }

    /// Metrics in price units on the validation and test windows, with the naive forecast's beside them.
    public struct Evaluation: Hashable, Sendable, Codable {
        public var validation: Comparison
        public var test: Comparison

        public init(validation: Comparison, test: Comparison) {
            self.validation = validation
            self.test = test
        }
    }

    public struct Comparison: Hashable, Sendable, Codable {
        public var model: PriceMetrics
        /// Every future day forecast as the window's last observed value.
        public var naive: PriceMetrics

        public init(model: PriceMetrics, naive: PriceMetrics) {
            self.model = model
            self.naive = naive
        }
    }

    public struct TrainingSummary: Hashable, Sendable, Codable {
        public var epochsPlanned: Int
        public var epochsRun: Int
        public var bestEpoch: Int
        public var bestValidationLoss: Double
        public var seconds: Double
        public var seed: UInt64
        public var batchSize: Int
        public var learningRate: Double
        public var patience: Int
    }
}
