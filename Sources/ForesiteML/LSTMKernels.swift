import CLSTMKernels
import Foundation

/// The door to the C step kernels (`CLSTMKernels`): one LSTM time step forward (b + x·W + h₋₁·U fused
/// with the gate activations and the cell update), backward (gate gradients and dz·Uᵀ), and that step's
/// share of the weight gradients, for a block of rows in the `PaddedGateLayout`.
///
/// Per-step products are batch × (features + hidden) × 4·hidden (32 × 40 × 120 for the seed model): too
/// small for a BLAS call to amortise its overhead, so they are hand-written with register-blocked
/// AVX-512 or AVX2/FMA. The two vector implementations perform the same operations in the same order and
/// give the same bits; the scalar one differs from them where FMA skips a rounding, by a few 1e-7.
enum LSTMKernels {
    enum Implementation: Hashable, Sendable {
        /// AVX-512F intrinsics, 16 lanes, for a padded hidden size that is a multiple of 16 (else the
        /// steps run `avx2`; the weight gradients take any).
        case avx512
        /// AVX2 + FMA intrinsics, 8 lanes.
        case avx2
        /// Portable C, the fallback for CPUs without AVX2/FMA.
        case scalar
    }

    /// Chosen once per process from the CPU's features, so an older CPU never sees an instruction it lacks.
    /// `FORESITE_LSTM_KERNELS=avx2` or `scalar` picks a narrower one (to measure an older CPU's path;
    /// never a wider one than the CPU has).
    static let preferred: Implementation = {
        let widest: Implementation =
            foresite_lstm_avx512_supported() != 0
            ? .avx512 : foresite_lstm_avx2_supported() != 0 ? .avx2 : .scalar
        switch (ProcessInfo.processInfo.environment["FORESITE_LSTM_KERNELS"], widest) {
        case ("scalar", _): return .scalar
        case ("avx2", .avx512): return .avx2
        default: return widest
        }
    }()

    /// What `foresite-bench training` prints.
    static var preferredName: String {
        switch preferred {
        case .avx512: "AVX-512"
        case .avx2: "AVX2/FMA"
        case .scalar: "scalar"
        }
    }

    /// Every implementation this CPU can run, the preferred one first.
    static var available: [Implementation] {
        switch preferred {
        case .avx512: [.avx512, .avx2, .scalar]
        case .avx2: [.avx2, .scalar]
        case .scalar: [.scalar]
        }
    }

    /// The matrices of one LSTM layer in the padded layout: kernel `features × width`, recurrent kernel
    /// `hidden × width`, bias `width`.
    struct PaddedWeights {
        var kernel: UnsafePointer<Float>
        var recurrent: UnsafePointer<Float>
        var bias: UnsafePointer<Float>
    }

    /// One forward step for `rows` rows of `inputs` (`rows × features`): writes the activations i, f, c̃, o
    /// into `gates`, the new cell state, its tanh and the new hidden state. `recurrentRows` is how many
    /// rows of U to accumulate: `hidden`, or 0 when the previous hidden state is the zero initial state
    /// (its product is exactly zero).
    @inline(__always)
    static func forwardStep(
        _ implementation: Implementation, rows: Int, features: Int, recurrentRows: Int, layout: PaddedGateLayout,
        inputs: UnsafePointer<Float>, weights: PaddedWeights, previousHidden: UnsafePointer<Float>,
        previousCell: UnsafePointer<Float>, gates: UnsafeMutablePointer<Float>, cells: UnsafeMutablePointer<Float>,
        cellTanh: UnsafeMutablePointer<Float>, hiddens: UnsafeMutablePointer<Float>
    ) {
        let step =
            switch implementation {
            case .avx512: foresite_lstm_forward_step_avx512
            case .avx2: foresite_lstm_forward_step_avx2
            case .scalar: foresite_lstm_forward_step_scalar
            }
        step(
            Int32(rows), Int32(features), Int32(recurrentRows), Int32(layout.hidden), Int32(layout.paddedHidden),
            inputs, weights.kernel, weights.recurrent, weights.bias, previousHidden, previousCell, gates, cells,
            cellTanh, hiddens)
    }

    /// One backward step for `rows` rows: writes dL/dz into `gateGradients`, replaces `cellGradient` by
    /// dL/dc₋₁ and, if `propagate`, `hiddenGradient` by dL/dh₋₁.
    @inline(__always)
    static func backwardStep(
        _ implementation: Implementation, rows: Int, layout: PaddedGateLayout,
        recurrentTransposed: UnsafePointer<Float>, gates: UnsafePointer<Float>, previousCell: UnsafePointer<Float>,
        cellTanh: UnsafePointer<Float>, hiddenGradient: UnsafeMutablePointer<Float>,
        cellGradient: UnsafeMutablePointer<Float>, gateGradients: UnsafeMutablePointer<Float>, propagate: Bool
    ) {
        let step =
            switch implementation {
            case .avx512: foresite_lstm_backward_step_avx512
            case .avx2: foresite_lstm_backward_step_avx2
            case .scalar: foresite_lstm_backward_step_scalar
            }
        step(
            Int32(rows), Int32(layout.hidden), Int32(layout.paddedHidden), recurrentTransposed, gates, previousCell,
            cellTanh, hiddenGradient, cellGradient, gateGradients, propagate ? 1 : 0)
    }

    /// Adds one step's share to the padded weight gradients: `kernel` += xᵀ·dz, `recurrent` += h₋₁ᵀ·dz
    /// (its first `recurrentRows` rows), `bias` += Σ dz.
    @inline(__always)
    static func accumulateWeightGradients(
        _ implementation: Implementation, rows: Int, features: Int, recurrentRows: Int, layout: PaddedGateLayout,
        inputs: UnsafePointer<Float>, previousHidden: UnsafePointer<Float>, gateGradients: UnsafePointer<Float>,
        kernel: UnsafeMutablePointer<Float>, recurrent: UnsafeMutablePointer<Float>, bias: UnsafeMutablePointer<Float>
    ) {
        let accumulate =
            switch implementation {
            case .avx512: foresite_lstm_weight_gradients_avx512
            case .avx2: foresite_lstm_weight_gradients_avx2
            case .scalar: foresite_lstm_weight_gradients_scalar
            }
        accumulate(
            Int32(rows), Int32(features), Int32(recurrentRows), Int32(layout.hidden), Int32(layout.paddedHidden),
            inputs, previousHidden, gateGradients, kernel, recurrent, bias)
    }
}
