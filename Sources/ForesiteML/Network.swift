import ForesiteCore

/// The LSTM → Dense(ReLU) → Dense network as a value: its shape and every parameter in one flat
/// Float32 buffer (layout in `ParameterLayout`, Keras's tensor shapes, row-major).
///
/// Being a value makes a trained model safe to share between threads and trivially comparable:
/// two trainings with one seed must produce `==` networks.
public struct Network: Hashable, Sendable {
    public let architecture: Architecture
    /// All parameters, tensor after tensor in the order of `ParameterLayout.tensors`.
    public internal(set) var parameters: [Float]

    var layout: ParameterLayout { ParameterLayout(architecture) }

    init(architecture: Architecture, parameters: [Float]) {
        precondition(parameters.count == ParameterLayout(architecture).count, "parameter count does not fit")
        self.architecture = architecture
        self.parameters = parameters
    }

    /// A freshly initialised network with Keras's default initialisers, drawn from `seed`:
    /// glorot-uniform input and dense kernels, an orthogonal recurrent kernel, zero biases except
    /// the LSTM forget gate's, which start at 1 (`unit_forget_bias`).
    public init(architecture: Architecture, seed: UInt64) throws {
        try architecture.validate()
        var generator = SeededGenerator(seed: seed)
        let layout = ParameterLayout(architecture)
        var values = [Float](repeating: 0, count: layout.count)
        let a = architecture
        Network.glorotUniform(&values, layout.lstmKernel, fanIn: a.features, fanOut: a.gates, &generator)
        let orthogonal = OrthogonalMatrix.rows(a.hidden, columns: a.gates, using: &generator)
        for (offset, value) in orthogonal.enumerated() {
            values[layout.lstmRecurrentKernel.lowerBound + offset] = Float(value)
        }
        for unit in 0..<a.hidden {
            values[layout.lstmBias.lowerBound + a.hidden + unit] = 1
        }
        Network.glorotUniform(&values, layout.denseKernel, fanIn: a.hidden, fanOut: a.dense, &generator)
        Network.glorotUniform(&values, layout.outputKernel, fanIn: a.dense, fanOut: a.outputs, &generator)
        self.init(architecture: architecture, parameters: values)
    }

    /// U(−l, l) with l = √(6 / (fanIn + fanOut)), Keras's `glorot_uniform`.
    private static func glorotUniform(
        _ values: inout [Float], _ range: Range<Int>, fanIn: Int, fanOut: Int, _ generator: inout SeededGenerator
    ) {
        let limit = (6.0 / Double(fanIn + fanOut)).squareRoot()
        for index in range {
            values[index] = Float((generator.nextUnit() * 2 - 1) * limit)
        }
    }

    /// The parameters of one named tensor (`lstm.kernel`, `dense_1.bias`, …), row-major.
    public func tensor(layer: String, name: String) -> ArraySlice<Float>? {
        guard let entry = layout.tensors.first(where: { $0.layer == layer && $0.name == name }) else { return nil }
        return parameters[entry.range]
    }
}
