import CLSTMKernels

/// The LSTM's gate columns and states as the C step kernels (`CLSTMKernels`) lay them out: a gate row is
/// the Keras blocks (i, f, c̃, o) back to back, block b at column b · `hidden`, then zeros up to `width`,
/// a multiple of 8 (one AVX register), so that the products spend no lanes on padding units (120 columns
/// for 30 units, not 4 × 32); a state row (h, c) is `paddedHidden` units, `hidden` rounded up to 8.
///
/// Padding weights and biases are zero, and the kernels keep the padding units at exactly h = c = 0
/// and their gradients at exactly 0; they never reach the network's Keras-layout parameters, which `pad`
/// and `unpad` convert from and to.
struct PaddedGateLayout: Hashable, Sendable {
    let hidden: Int
    let paddedHidden: Int

    init(hidden: Int) {
        self.hidden = hidden
        paddedHidden = (hidden + 7) / 8 * 8
    }

    /// Columns of a padded gate row: 4 · `hidden` rounded up to a multiple of 8.
    var width: Int { Int(foresite_gate_width(Int32(hidden))) }

    /// Copies a `rows × 4·hidden` Keras-layout matrix into `rows × width` padded rows; padding columns
    /// of `destination` are left as they are (zero).
    func pad(_ source: UnsafePointer<Float>, rows: Int, into destination: UnsafeMutablePointer<Float>) {
        foresite_pad_gates(Int32(rows), Int32(hidden), Int32(paddedHidden), source, destination)
    }

    /// `pad` with each gate block multiplied by its activation's exponent factor (−log₂e for σ, −2·log₂e
    /// for tanh): the forward step's weights (`CLSTMKernels.h`).
    func padExponents(_ source: UnsafePointer<Float>, rows: Int, into destination: UnsafeMutablePointer<Float>) {
        foresite_pad_gate_exponents(Int32(rows), Int32(hidden), Int32(paddedHidden), source, destination)
    }

    /// The inverse of `pad`: drops the padding columns of `rows × width` values.
    func unpad(_ source: UnsafePointer<Float>, rows: Int, into destination: UnsafeMutablePointer<Float>) {
        foresite_unpad_gates(Int32(rows), Int32(hidden), Int32(paddedHidden), source, destination)
    }

    /// The Keras-layout recurrent kernel U (`hidden × 4·hidden`) transposed and padded,
    /// `width × paddedHidden`, as the backward step's dz·Uᵀ reads it; padding entries are left as they are.
    func padTransposed(_ recurrent: UnsafePointer<Float>, into destination: UnsafeMutablePointer<Float>) {
        foresite_pad_transposed(Int32(hidden), Int32(paddedHidden), recurrent, destination)
    }
}
