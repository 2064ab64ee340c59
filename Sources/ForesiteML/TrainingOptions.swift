import ForesiteCore

/// How a `Trainer` trains: Keras's `fit` settings of the original (300 epochs, batch 32, Adam 1e-4).
public struct TrainingOptions: Hashable, Sendable {
    public var epochs = 300
    public var batchSize = 32
    public var learningRate = 1e-4
    /// Seeds both the initial weights and the per-epoch shuffles.
    public var seed: UInt64 = 42
    /// Stop after this many epochs without a better validation loss; 0 trains all `epochs`.
    public var patience = 0

    public init(
        epochs: Int = 300, batchSize: Int = 32, learningRate: Double = 1e-4, seed: UInt64 = 42, patience: Int = 0
    ) {
        self.epochs = epochs
        self.batchSize = batchSize
        self.learningRate = learningRate
        self.seed = seed
        self.patience = patience
    }

    /// The options `site/foresite.yml` sets.
    public init(_ model: Config.Model) {
        self.init(
            epochs: model.epochs, batchSize: model.batch, learningRate: model.learningRate, seed: model.seed,
            patience: model.patience)
    }

    func validate() throws {
        if epochs < 1 { throw MLError.invalidOption(name: "epochs", value: String(epochs)) }
        if batchSize < 1 { throw MLError.invalidOption(name: "batch", value: String(batchSize)) }
        if !(learningRate > 0) { throw MLError.invalidOption(name: "learning rate", value: String(learningRate)) }
        if patience < 0 { throw MLError.invalidOption(name: "patience", value: String(patience)) }
    }
}

/// Reported after every epoch, so a terminal can draw a progress bar with an ETA.
public struct EpochProgress: Hashable, Sendable {
    /// 1-based epoch just finished, out of `epochs` planned.
    public let epoch: Int
    public let epochs: Int
    /// Mean training loss over the epoch's batches (scaled MSE) and validation loss after it.
    public let loss: Double
    public let validationLoss: Double
    /// Best epoch so far (by validation loss) and seconds since training started.
    public let bestEpoch: Int
    public let elapsed: Double
}

/// What a training produced: the best epoch's network and the loss history.
public struct TrainingOutcome: Sendable {
    /// The weights after the epoch with the lowest validation loss.
    public let network: Network
    public let bestEpoch: Int
    public let epochsRun: Int
    public let trainingLosses: [Double]
    public let validationLosses: [Double]
    public let seconds: Double
}
