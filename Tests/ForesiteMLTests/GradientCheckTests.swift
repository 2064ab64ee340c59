import ForesiteCore
import Testing

@testable import ForesiteML

/// Backpropagation through time against central finite differences of the loss, for every parameter.
///
/// The network runs in Float32, so the differences use a step of 2⁻⁷ (exactly representable): the
/// truncation error, O(h²) ≈ 1e-5, and the Float32 rounding of the loss divided by 2h, ≈ 5e-6, are both
/// far below the tolerance of 1 % of a component (plus an absolute floor of 1e-4 for near-zero
/// components) and 0.3 % for the whole gradient vector. A wrong gate, a missing term of the cell
/// recurrence or a wrong bias gradient changes components by tens of percent and fails both.
@Suite struct GradientCheckTests {
    @Test func backpropagationMatchesFiniteDifferences() throws {
        let architecture = Architecture(window: 4, features: 3, hidden: 4, dense: 3, outputs: 2)
        let batch = 3
        var network = try Network(architecture: architecture, seed: 11)
        var generator = SeededGenerator(seed: 5)
        func uniform(_ scale: Double) -> Float { Float((generator.nextUnit() * 2 - 1) * scale) }
        for index in network.parameters.indices { network.parameters[index] += uniform(0.3) }
        let windows = (0..<batch).map { _ in (0..<(4 * 3)).map { _ in uniform(1) } }
        let targets = (0..<(batch * 2)).map { _ in uniform(1) }

        let workspace = BatchWorkspace(architecture: architecture, capacity: batch)
        func loss(_ parameters: [Float]) -> Double {
            for (row, window) in windows.enumerated() {
                window.withUnsafeBufferPointer { workspace.loadWindow($0.baseAddress!, row: row, batch: batch) }
            }
            parameters.withUnsafeBufferPointer { workspace.forward($0.baseAddress!, batch: batch) }
            return targets.withUnsafeBufferPointer { workspace.loss(targets: $0.baseAddress!, batch: batch) }
        }
        _ = loss(network.parameters)
        var analytic = [Float](repeating: 0, count: network.parameters.count)
        network.parameters.withUnsafeBufferPointer { theta in
            targets.withUnsafeBufferPointer { y in
                analytic.withUnsafeMutableBufferPointer { g in
                    workspace.backward(
                        theta.baseAddress!, targets: y.baseAddress!, batch: batch, gradients: g.baseAddress!)
                }
            }
        }

        let step: Float = 0x1p-7
        var numeric = [Double](repeating: 0, count: analytic.count)
        for index in network.parameters.indices {
            var plus = network.parameters
            plus[index] += step
            var minus = network.parameters
            minus[index] -= step
            numeric[index] = (loss(plus) - loss(minus)) / Double(2 * step)
        }
        let differenceNorm = zip(analytic, numeric).reduce(0.0) { $0 + (Double($1.0) - $1.1) * (Double($1.0) - $1.1) }
        let numericNorm = numeric.reduce(0.0) { $0 + $1 * $1 }
        #expect((differenceNorm / numericNorm).squareRoot() < 3e-3)
        for (name, range) in ParameterLayout(architecture).tensors.map({ ("\($0.layer).\($0.name)", $0.range) }) {
            for index in range {
                let tolerance = 1e-2 * abs(numeric[index]) + 1e-4
                #expect(
                    abs(Double(analytic[index]) - numeric[index]) <= tolerance, "\(name)[\(index - range.lowerBound)]")
            }
        }
        #expect(numeric.contains { abs($0) > 1e-2 })
    }
}
