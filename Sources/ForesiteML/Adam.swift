import CLSTMKernels
import Foundation

/// Adam exactly as Keras 3 applies it, over the network's flat parameter buffer:
/// m ← m + (g − m)(1 − β₁), v ← v + (g² − v)(1 − β₂), α = lr·√(1 − β₂ᵗ)/(1 − β₁ᵗ),
/// θ ← θ − α·m / (√v + ε).
struct Adam {
    var learningRate: Float
    var beta1: Float = 0.9
    var beta2: Float = 0.999
    var epsilon: Float = 1e-7
    private(set) var step = 0
    private var firstMoment: [Float]
    private var secondMoment: [Float]

    init(parameterCount: Int, learningRate: Float) {
        self.learningRate = learningRate
        firstMoment = [Float](repeating: 0, count: parameterCount)
        secondMoment = [Float](repeating: 0, count: parameterCount)
    }

    mutating func update(_ parameters: inout [Float], gradients: UnsafePointer<Float>) {
        step += 1
        // Keras computes the powers in float32 too.
        let beta1Power = powf(beta1, Float(step))
        let beta2Power = powf(beta2, Float(step))
        let alpha = learningRate * (1 - beta2Power).squareRoot() / (1 - beta1Power)
        let (oneMinusBeta1, oneMinusBeta2, epsilon) = (1 - beta1, 1 - beta2, epsilon)
        let count = parameters.count
        parameters.withUnsafeMutableBufferPointer { theta in
            firstMoment.withUnsafeMutableBufferPointer { m in
                secondMoment.withUnsafeMutableBufferPointer { v in
                    Adam.apply(
                        theta.baseAddress!, m.baseAddress!, v.baseAddress!, gradients, count: count,
                        alpha: alpha, oneMinusBeta1: oneMinusBeta1, oneMinusBeta2: oneMinusBeta2, epsilon: epsilon)
                }
            }
        }
    }

    /// The element-wise update, in C (`foresite_adam_update`): eight parameters per AVX2 instruction,
    /// the same IEEE operations in the same order for every parameter and on every CPU, no fused
    /// multiply-add. (Swift's `SIMD8<Float>.squareRoot()` compiled to eight `sqrtf` calls.)
    private static func apply(
        _ theta: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
        _ gradients: UnsafePointer<Float>, count: Int, alpha: Float, oneMinusBeta1: Float, oneMinusBeta2: Float,
        epsilon: Float
    ) {
        foresite_adam_update(
            Int32(count), theta, m, v, gradients, alpha, oneMinusBeta1, oneMinusBeta2, epsilon)
    }
}
