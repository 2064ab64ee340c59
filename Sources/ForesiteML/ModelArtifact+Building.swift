import ForesiteCore

extension ModelArtifact {
    /// The artifact for a finished training: evaluates the best network on the validation and test
    /// windows (and the naive forecast on the same windows) in price units.
    public init(
        outcome: TrainingOutcome, trainedOn set: TrainingSet, options: TrainingOptions, configHash: String,
        ensembleSeeds: [UInt64]? = nil
    ) throws {
        let model = try TrainedModel(network: outcome.network, trainedOn: set)
        func evaluate(_ range: Range<Int>) throws -> Comparison {
            let samples = set.samples[range]
            let actual = samples.map(\.targets)
            let predicted = try model.predict(windows: samples.map(\.window))
            let naive = samples.map { [Double](repeating: $0.lastOpen, count: set.horizon) }
            return Comparison(
                model: PriceMetrics(predicted: predicted, actual: actual),
                naive: PriceMetrics(predicted: naive, actual: actual))
        }
        func days(_ range: Range<Int>) -> DayRange {
            DayRange(
                first: set.samples[range.first!].lastDay, last: set.samples[range.last!].lastDay, windows: range.count)
        }
        self.init(
            model: model, configHash: configHash,
            data: DataWindow(
                firstDay: set.samples.first!.firstDay,
                lastDay: set.samples.last!.lastDay.adding(days: set.horizon),
                training: days(set.split.training), validation: days(set.split.validation), test: days(set.split.test),
                filledDays: set.filledDays),
            metrics: Evaluation(validation: try evaluate(set.split.validation), test: try evaluate(set.split.test)),
            training: TrainingSummary(
                epochsPlanned: options.epochs, epochsRun: outcome.epochsRun, bestEpoch: outcome.bestEpoch,
                bestValidationLoss: outcome.validationLosses[outcome.bestEpoch - 1], seconds: outcome.seconds,
                seed: options.seed, batchSize: options.batchSize, learningRate: options.learningRate,
                patience: options.patience),
            ensembleSeeds: ensembleSeeds)
    }

    /// An artifact for `model` with the given provenance.
    public init(
        model: TrainedModel, configHash: String, data: DataWindow, metrics: Evaluation, training: TrainingSummary,
        ensembleSeeds: [UInt64]? = nil
    ) {
        self.init(
            formatVersion: ModelArtifact.formatVersion, architecture: ArtifactArchitecture(model.network.architecture),
            inputs: model.inputs, target: model.target, targetMode: model.mode,
            targetReference: model.mode == .returns ? model.referenceColumn : nil,
            inputTransform: model.inputTransform, featureScaler: model.featureScaler,
            targetScaler: model.targetTransform.scaler,
            targetShrinkage: model.mode == .returns ? model.targetTransform.shrinkage : nil,
            weights: model.network.kerasWeights, data: data,
            configHash: configHash, metrics: metrics, training: training, ensembleSeeds: ensembleSeeds)
    }

    /// The model to predict with.
    public func model() throws -> TrainedModel {
        let network = try Network(window: architecture.window, weights: weights)
        guard network.architecture == architecture.architecture else {
            throw MLError.shapeMismatch(
                what: "weights for the declared architecture",
                expected: ParameterLayout(architecture.architecture).count,
                got: network.parameters.count)
        }
        return try TrainedModel(
            network: network, inputs: inputs, target: target, referenceColumn: targetReference,
            inputTransform: inputTransform ?? .levels,
            featureScaler: featureScaler,
            targetTransform: TargetTransform(mode: targetMode, scaler: targetScaler, shrinkage: targetShrinkage))
    }
}
