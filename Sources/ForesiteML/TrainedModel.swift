import ForesiteCore
import Foundation

/// Everything needed to turn a raw window of input rows into future prices: the network, the
/// scalers fitted on its training split, the target mode and the column names.
public struct TrainedModel: Hashable, Sendable {
    public let network: Network
    public let inputs: [String]
    public let target: String
    /// Returns mode's anchor column (see `TrainingSet.referenceColumn`); one of `inputs`.
    public let referenceColumn: String
    public let inputTransform: InputTransform
    public let featureScaler: Scaler
    public let targetTransform: TargetTransform

    public init(
        network: Network, inputs: [String], target: String, referenceColumn: String? = nil,
        inputTransform: InputTransform, featureScaler: Scaler, targetTransform: TargetTransform
    ) throws {
        let a = network.architecture
        guard inputs.count == a.features else {
            throw MLError.shapeMismatch(what: "input column list", expected: a.features, got: inputs.count)
        }
        guard featureScaler.columns == a.features else {
            throw MLError.shapeMismatch(what: "feature scaler", expected: a.features, got: featureScaler.columns)
        }
        guard targetTransform.scaler.columns == a.outputs else {
            throw MLError.shapeMismatch(what: "target scaler", expected: a.outputs, got: targetTransform.scaler.columns)
        }
        guard targetTransform.shrinkage.count == a.outputs else {
            throw MLError.shapeMismatch(
                what: "target shrinkage", expected: a.outputs, got: targetTransform.shrinkage.count)
        }
        let referenceColumn = referenceColumn ?? target
        if targetTransform.mode == .returns && !inputs.contains(referenceColumn) {
            throw MLError.targetNotAnInput(target: referenceColumn)
        }
        if targetTransform.mode == .returns && !inputs.contains(target) {
            throw MLError.targetNotAnInput(target: target)
        }
        self.network = network
        self.inputs = inputs
        self.target = target
        self.referenceColumn = referenceColumn
        self.inputTransform = inputTransform
        self.featureScaler = featureScaler
        self.targetTransform = targetTransform
    }

    /// The model a training produced on `set`. In returns mode its per-horizon shrinkage towards the
    /// naive forecast is fitted on the validation windows, which the weights never trained on (they
    /// only chose the best epoch); the test windows stay untouched for evaluation.
    public init(network: Network, trainedOn set: TrainingSet) throws {
        var transform = set.targetTransform
        if transform.mode == .returns {
            let outputs = try network.outputs(
                forScaledWindows: (0..<set.validation.count).map { index in
                    let size = set.window * set.inputs.count
                    return Array(set.validation.inputs[(index * size)..<((index + 1) * size)])
                })
            let horizon = set.horizon
            let predicted = (0..<set.validation.count).map { index in
                transform.returns(outputs: outputs[(index * horizon)..<((index + 1) * horizon)])
            }
            let actual = set.samples[set.split.validation].map { sample in
                sample.targets.map { log($0 / sample.reference) }
            }
            transform = transform.fittingShrinkage(predicted: predicted, actual: actual)
        }
        try self.init(
            network: network, inputs: set.inputs, target: set.target, referenceColumn: set.referenceColumn,
            inputTransform: set.inputTransform,
            featureScaler: set.featureScaler, targetTransform: transform)
    }

    public var window: Int { network.architecture.window }
    public var horizon: Int { network.architecture.outputs }
    public var mode: Config.TargetMode { targetTransform.mode }

    /// The next `horizon` target values (USD) after a raw window of `window` rows of `inputs`, oldest first.
    public func predict(window rows: [[Double]]) throws -> [Double] {
        try predict(windows: [rows])[0]
    }

    /// `predict(window:)` for many windows at once (one batched pass).
    public func predict(windows: [[[Double]]]) throws -> [[Double]] {
        let scaled = try windows.map { try scale($0) }
        let outputs = try network.outputs(forScaledWindows: scaled)
        return windows.indices.map { index in
            let slice = outputs[(index * horizon)..<((index + 1) * horizon)]
            return targetTransform.decode(outputs: slice, reference: reference(in: windows[index]))
        }
    }

    /// The raw window transformed and scaled as the training windows were, flattened day by day.
    public func scale(_ rows: [[Double]]) throws -> [Float] {
        guard rows.count == window else {
            throw MLError.shapeMismatch(what: "window", expected: window, got: rows.count)
        }
        var scaled: [Float] = []
        scaled.reserveCapacity(window * inputs.count)
        for row in rows where row.count != inputs.count {
            throw MLError.shapeMismatch(what: "window row", expected: inputs.count, got: row.count)
        }
        for row in inputTransform.apply(to: rows, columns: inputs) {
            for column in row.indices {
                scaled.append(Float(featureScaler.transform(row[column], column: column)))
            }
        }
        return scaled
    }

    private func reference(in rows: [[Double]]) -> Double {
        guard let index = inputs.firstIndex(of: referenceColumn) else { return .nan }
        return rows[rows.count - 1][index]
    }
}
