import Foundation

/// The element-wise nonlinearities of the LSTM, applied to whole rows at once.
///
/// Float32 throughout, as Keras computes them; `expf`-based sigmoid and `tanhf` stay within a few ulps
/// of TensorFlow's, far inside the 1e-5 parity tolerance.
enum Activation {
    @inline(__always)
    static func sigmoid(_ x: Float) -> Float { 1 / (1 + expf(-x)) }

    @inline(__always)
    static func tanh(_ x: Float) -> Float { tanhf(x) }
}
