/// Sigmoid and tanh over contiguous Float32 buffers, written as plain loops of branch-free scalar
/// code that the compiler vectorises (8 lanes with AVX2).
///
/// The LSTM evaluates five transcendental functions per unit and step, millions per epoch; a call to
/// `expf` per value would dominate training. `exp` here is the classic Cephes range reduction
/// (x = n·ln 2 + r, |r| ≤ ln2/2) with a degree-6 polynomial, accurate to about 2 ulp, the rounding of n
/// and 2ⁿ done with bit tricks rather than conversions; tanh is computed as 2·σ(2x) − 1 (absolute
/// error ≈ 1e-7, all the LSTM needs).
enum VectorActivation {
    /// 1.5·2²³: adding it rounds a Float of magnitude < 2²² to an integer held in the low mantissa bits.
    private static let roundingMagic: Float = 12_582_912
    private static let roundingMagicBits: UInt32 = 0x4B40_0000

    @inline(__always)
    static func exp(_ x: Float) -> Float {
        let clamped = x < -87.3 ? -87.3 : (x > 88.3 ? 88.3 : x)
        let shifted = clamped * 1.442_695_04 + roundingMagic
        let n = shifted - roundingMagic
        var r = clamped - n * 0.693_359_375
        r = r + n * 2.121_944_4e-4
        var p: Float = 1.987_569_1e-4
        p = p * r + 1.398_199_9e-3
        p = p * r + 8.333_452e-3
        p = p * r + 4.166_579_6e-2
        p = p * r + 1.666_666_5e-1
        p = p * r + 5e-1
        p = p * (r * r) + r + 1
        let power = Float(bitPattern: (shifted.bitPattern &- roundingMagicBits &+ 127) &<< 23)
        return p * power
    }

    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + exp(-x)) }

    @inline(__always)
    static func tanh(_ x: Float) -> Float { 2 / (1 + exp(-2 * x)) - 1 }
}

extension VectorActivation {
    /// `values[k] ← σ(scale[k]·(values[k] + bias[k]))·scale[k] − (scale[k] − 1)` for k < count: with a
    /// scale of 1 this is the sigmoid of the biased value, with 2 it is its tanh, so one pass
    /// activates all four LSTM gate blocks.
    @inline(__always)
    static func activateGates(
        _ values: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, scale: UnsafePointer<Float>, count: Int
    ) {
        for index in 0..<count {
            let a = scale[index]
            values[index] = sigmoid((values[index] + bias[index]) * a) * a - (a - 1)
        }
    }

    /// `output[k] ← tanh(input[k])` for k < count.
    @inline(__always)
    static func tanh(_ input: UnsafePointer<Float>, _ output: UnsafeMutablePointer<Float>, count: Int) {
        for index in 0..<count {
            output[index] = tanh(input[index])
        }
    }
}
