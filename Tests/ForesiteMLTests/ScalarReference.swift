import Foundation

@testable import ForesiteML

/// An independent, deliberately naive Double implementation of the network (per-unit loops straight
/// from the LSTM equations, reading the Keras-layout tensors by name) to check the fast path against.
enum ScalarReference {
    static func outputs(_ network: Network, window: [[Double]]) -> [Double] {
        let weights = network.kerasWeights
        let hiddenCount = weights.lstm.recurrentKernel.count
        var h = [Double](repeating: 0, count: hiddenCount)
        var c = [Double](repeating: 0, count: hiddenCount)
        func sigmoid(_ x: Double) -> Double { 1 / (1 + exp(-x)) }
        for x in window {
            var next = h
            for unit in 0..<hiddenCount {
                func gate(_ block: Int) -> Double {
                    let column = block * hiddenCount + unit
                    var z = weights.lstm.bias[column]
                    for (feature, value) in x.enumerated() { z += value * weights.lstm.kernel[feature][column] }
                    for (other, value) in h.enumerated() { z += value * weights.lstm.recurrentKernel[other][column] }
                    return z
                }
                let input = sigmoid(gate(0))
                let forget = sigmoid(gate(1))
                let candidate = tanh(gate(2))
                let output = sigmoid(gate(3))
                c[unit] = forget * c[unit] + input * candidate
                next[unit] = output * tanh(c[unit])
            }
            h = next
        }
        let dense = (0..<weights.dense.bias.count).map { unit in
            max(0, weights.dense.bias[unit] + h.indices.reduce(0.0) { $0 + h[$1] * weights.dense.kernel[$1][unit] })
        }
        return (0..<weights.output.bias.count).map { unit in
            weights.output.bias[unit] + dense.indices.reduce(0.0) { $0 + dense[$1] * weights.output.kernel[$1][unit] }
        }
    }
}
