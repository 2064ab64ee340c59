/// The network's weights named and shaped exactly as Keras stores them (`model.get_weights()` per
/// layer), as nested row-major lists: the artifact's `weights` object and the Keras reference's.
///
/// Values are written as Doubles: every Float32 widens to a Double exactly, and a Double's shortest
/// decimal form reads back to the same Double, so weights survive JSON bit for bit (a Float's own
/// shortest form read through a Double parser could round twice).
public struct KerasWeights: Hashable, Sendable, Codable {
    public struct LSTMLayer: Hashable, Sendable, Codable {
        /// (features, 4·hidden), gate blocks i, f, c, o.
        public var kernel: [[Double]]
        /// (hidden, 4·hidden).
        public var recurrentKernel: [[Double]]
        /// (4·hidden).
        public var bias: [Double]

        enum CodingKeys: String, CodingKey {
            case kernel
            case recurrentKernel = "recurrent_kernel"
            case bias
        }
    }

    public struct DenseLayer: Hashable, Sendable, Codable {
        /// (inputs, units).
        public var kernel: [[Double]]
        public var bias: [Double]
    }

    public var lstm: LSTMLayer
    public var dense: DenseLayer
    public var output: DenseLayer

    enum CodingKeys: String, CodingKey {
        case lstm, dense
        case output = "dense_1"
    }

    /// The architecture these tensors describe, for windows of `window` days.
    public func architecture(window: Int) -> Architecture {
        Architecture(
            window: window, features: lstm.kernel.count, hidden: lstm.recurrentKernel.count,
            dense: dense.bias.count, outputs: output.bias.count)
    }
}

extension Network {
    /// Loads Keras-layout weights as they are: no transposition, no gate reordering.
    public init(window: Int, weights: KerasWeights) throws {
        let architecture = weights.architecture(window: window)
        try architecture.validate()
        let layout = ParameterLayout(architecture)
        let sources: [(String, [Double])] = [
            ("lstm.kernel", try Network.flatten(weights.lstm.kernel, columns: architecture.gates, "lstm.kernel")),
            (
                "lstm.recurrent_kernel",
                try Network.flatten(weights.lstm.recurrentKernel, columns: architecture.gates, "lstm.recurrent_kernel")
            ),
            ("lstm.bias", weights.lstm.bias),
            ("dense.kernel", try Network.flatten(weights.dense.kernel, columns: architecture.dense, "dense.kernel")),
            ("dense.bias", weights.dense.bias),
            (
                "dense_1.kernel",
                try Network.flatten(weights.output.kernel, columns: architecture.outputs, "dense_1.kernel")
            ),
            ("dense_1.bias", weights.output.bias),
        ]
        var parameters: [Float] = []
        parameters.reserveCapacity(layout.count)
        for ((name, values), tensor) in zip(sources, layout.tensors) {
            guard values.count == tensor.range.count else {
                throw MLError.shapeMismatch(what: name, expected: tensor.range.count, got: values.count)
            }
            parameters.append(contentsOf: values.map { Float($0) })
        }
        self.init(architecture: architecture, parameters: parameters)
    }

    /// The weights in Keras's names and shapes.
    public var kerasWeights: KerasWeights {
        let a = architecture
        let layout = self.layout
        func matrix(_ range: Range<Int>, columns: Int) -> [[Double]] {
            stride(from: range.lowerBound, to: range.upperBound, by: columns).map { start in
                parameters[start..<(start + columns)].map { Double($0) }
            }
        }
        func vector(_ range: Range<Int>) -> [Double] { parameters[range].map { Double($0) } }
        return KerasWeights(
            lstm: .init(
                kernel: matrix(layout.lstmKernel, columns: a.gates),
                recurrentKernel: matrix(layout.lstmRecurrentKernel, columns: a.gates),
                bias: vector(layout.lstmBias)),
            dense: .init(kernel: matrix(layout.denseKernel, columns: a.dense), bias: vector(layout.denseBias)),
            output: .init(kernel: matrix(layout.outputKernel, columns: a.outputs), bias: vector(layout.outputBias)))
    }

    private static func flatten(_ rows: [[Double]], columns: Int, _ name: String) throws -> [Double] {
        for row in rows where row.count != columns {
            throw MLError.shapeMismatch(what: "a row of \(name)", expected: columns, got: row.count)
        }
        return rows.flatMap { $0 }
    }
}
