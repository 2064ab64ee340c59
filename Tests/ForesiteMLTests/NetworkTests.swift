import ForesiteCore
import Testing

@testable import ForesiteML

@Suite struct NetworkTests {
    /// A 3-day × 2-feature window through LSTM(3) → Dense(2) → Dense(2), against scalar Double code.
    @Test func lstmForwardMatchesScalarReference() throws {
        let architecture = Architecture(window: 3, features: 2, hidden: 3, dense: 2, outputs: 2)
        var network = try Network(architecture: architecture, seed: 7)
        // Non-zero biases everywhere so that a missing or misplaced bias term shows.
        var generator = SeededGenerator(seed: 99)
        for index in network.parameters.indices where index >= ParameterLayout(architecture).lstmBias.lowerBound {
            network.parameters[index] += Float(generator.nextUnit() - 0.5)
        }
        let windows: [[[Double]]] = [
            [[0.1, -0.4], [0.7, 0.2], [-0.3, 0.9]],
            [[1.0, 0.0], [0.0, 1.0], [0.5, 0.5]],
        ]
        let outputs = try network.outputs(forScaledWindows: windows.map { $0.flatMap { $0.map { Float($0) } } })
        for (index, window) in windows.enumerated() {
            let expected = ScalarReference.outputs(network, window: window)
            for unit in 0..<2 {
                #expect(abs(Double(outputs[index * 2 + unit]) - expected[unit]) < 1e-6)
            }
        }
    }

    @Test func initialisationFollowsKeras() throws {
        let network = try Network(architecture: .seed, seed: 1)
        let layout = ParameterLayout(.seed)
        let bias = Array(network.parameters[layout.lstmBias])
        #expect(bias[0..<30].allSatisfy { $0 == 0 })
        #expect(bias[30..<60].allSatisfy { $0 == 1 })
        #expect(bias[60..<120].allSatisfy { $0 == 0 })
        // Glorot limit for (10, 120) is √(6/130) ≈ 0.2148.
        let kernel = network.parameters[layout.lstmKernel]
        #expect(kernel.allSatisfy { abs($0) <= 0.2149 })
        #expect(kernel.contains { abs($0) > 0.15 })
        // The recurrent kernel (30 × 120) has orthonormal rows.
        let u = Array(network.parameters[layout.lstmRecurrentKernel])
        for r in 0..<30 {
            for s in r..<30 {
                let dot = (0..<120).reduce(0.0) { $0 + Double(u[r * 120 + $1]) * Double(u[s * 120 + $1]) }
                #expect(abs(dot - (r == s ? 1 : 0)) < 1e-5)
            }
        }
    }
}
