import Foundation
import Testing

@testable import ForesiteML

@Suite struct AdamTests {
    /// Two Adam steps on 11 parameters against the Keras formulas evaluated in Double; the first eight
    /// go through the SIMD lanes, the last three through the scalar tail.
    @Test func followsKerasFormulasInEveryLane() {
        let count = 11
        let start = (0..<count).map { Float($0) * 0.25 - 1 }
        let gradientSteps: [[Float]] = [
            (0..<count).map { Float($0 % 4) * 0.5 - 0.7 },
            (0..<count).map { Float(($0 * 7) % 5) * -0.3 + 0.4 },
        ]
        var parameters = start
        var adam = Adam(parameterCount: count, learningRate: 1e-2)
        for gradients in gradientSteps {
            gradients.withUnsafeBufferPointer { adam.update(&parameters, gradients: $0.baseAddress!) }
        }

        for index in 0..<count {
            var (theta, m, v) = (Double(start[index]), 0.0, 0.0)
            for (step, gradients) in gradientSteps.enumerated() {
                let g = Double(gradients[index])
                m += (g - m) * 0.1
                v += (g * g - v) * 0.001
                let t = Double(step + 1)
                let alpha = 1e-2 * (1 - pow(0.999, t)).squareRoot() / (1 - pow(0.9, t))
                theta -= alpha * m / (v.squareRoot() + 1e-7)
            }
            #expect(abs(Double(parameters[index]) - theta) < 1e-6, "parameter \(index)")
        }
    }

    /// A parameter's update does not depend on whether it falls in a SIMD lane or the tail.
    @Test func laneAndTailAgreeBitForBit() {
        let count = 9
        var parameters = [Float](repeating: 0.3, count: count)
        let gradients = [Float](repeating: -0.17, count: count)
        var adam = Adam(parameterCount: count, learningRate: 1e-3)
        for _ in 0..<3 {
            gradients.withUnsafeBufferPointer { adam.update(&parameters, gradients: $0.baseAddress!) }
        }
        #expect(parameters[0] == parameters[8])
        #expect(parameters[0] != 0.3)
    }
}
