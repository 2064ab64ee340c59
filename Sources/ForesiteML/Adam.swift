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

    /// The element-wise update, eight parameters per step as `SIMD8` (one AVX instruction per operation,
    /// including the square root and the division), the tail one at a time. Every lane performs the
    /// same IEEE operations in the same order as the scalar tail, so results do not depend on where a
    /// parameter falls.
    private static func apply(
        _ theta: UnsafeMutablePointer<Float>, _ m: UnsafeMutablePointer<Float>, _ v: UnsafeMutablePointer<Float>,
        _ gradients: UnsafePointer<Float>, count: Int, alpha: Float, oneMinusBeta1: Float, oneMinusBeta2: Float,
        epsilon: Float
    ) {
        typealias Lanes = SIMD8<Float>
        func load(_ pointer: UnsafePointer<Float>, _ index: Int) -> Lanes {
            UnsafeRawPointer(pointer + index).loadUnaligned(as: Lanes.self)
        }
        func store(_ value: Lanes, _ pointer: UnsafeMutablePointer<Float>, _ index: Int) {
            UnsafeMutableRawPointer(pointer + index).storeBytes(of: value, as: Lanes.self)
        }
        var index = 0
        while index + Lanes.scalarCount <= count {
            let g = load(gradients, index)
            let oldFirst = load(m, index)
            let oldSecond = load(v, index)
            let first = oldFirst + (g - oldFirst) * oneMinusBeta1
            let second = oldSecond + (g * g - oldSecond) * oneMinusBeta2
            store(first, m, index)
            store(second, v, index)
            store(load(theta, index) - (first * alpha) / (second.squareRoot() + epsilon), theta, index)
            index += Lanes.scalarCount
        }
        while index < count {
            let g = gradients[index]
            let first = m[index] + (g - m[index]) * oneMinusBeta1
            let second = v[index] + (g * g - v[index]) * oneMinusBeta2
            m[index] = first
            v[index] = second
            theta[index] -= (first * alpha) / (second.squareRoot() + epsilon)
            index += 1
        }
    }
}
