import ForesiteCore

/// Everything needed to turn a raw window of input rows into future prices: the network, the
/// scalers fitted on its training split, the target mode and the column names.
public struct TrainedModel: Hashable, Sendable {
    public let network: Network
    public let inputs: [String]
    public let target: String
    public let featureScaler: Scaler
    public let targetTransform: TargetTransform

    public init(
        network: Network, inputs: [String], target: String, featureScaler: Scaler, targetTransform: TargetTransform
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
        if targetTransform.mode == .returns && !inputs.contains(target) {
            throw MLError.targetNotAnInput(target: target)
        }
        self.network = network
        self.inputs = inputs
        self.target = target
        self.featureScaler = featureScaler
        self.targetTransform = targetTransform
    }

    /// The model a training produced on `set`.
    public init(network: Network, trainedOn set: TrainingSet) throws {
        try self.init(
            network: network, inputs: set.inputs, target: set.target, featureScaler: set.featureScaler,
            targetTransform: set.targetTransform)
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
            return targetTransform.decode(outputs: slice, lastOpen: lastOpen(in: windows[index]))
        }
    }

    /// The raw window scaled with the training split's feature scaler, flattened day by day.
    public func scale(_ rows: [[Double]]) throws -> [Float] {
        guard rows.count == window else {
            throw MLError.shapeMismatch(what: "window", expected: window, got: rows.count)
        }
        var scaled: [Float] = []
        scaled.reserveCapacity(window * inputs.count)
        for row in rows {
            guard row.count == inputs.count else {
                throw MLError.shapeMismatch(what: "window row", expected: inputs.count, got: row.count)
            }
            for column in row.indices {
                scaled.append(Float(featureScaler.transform(row[column], column: column)))
            }
        }
        return scaled
    }

    private func lastOpen(in rows: [[Double]]) -> Double {
        guard let index = inputs.firstIndex(of: target) else { return .nan }
        return rows[rows.count - 1][index]
    }
}
