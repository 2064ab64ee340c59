import CLSTMKernels

/// The door to the C step kernels: one LSTM time step forward (recurrent product fused with the gate
/// activations and the cell update) or backward (gate gradients and dz·Uᵀ) for a block of rows, in the
/// `PaddedGateLayout`.
///
/// Per-step products are batch × hidden × 4·hidden (32 × 30 × 120 for the seed model): too small for a
/// BLAS call to amortise its overhead, so they are hand-written with register-blocked AVX2/FMA. Both
/// implementations follow the same order of operations per value; they differ only in FMA rounding.
enum LSTMKernels {
    enum Implementation: Hashable, Sendable {
        /// AVX2 + FMA intrinsics, 8 lanes.
        case avx2
        /// Portable C, the fallback for CPUs without AVX2/FMA.
        case scalar
    }

    /// Chosen once per process from the CPU's features, so an older CPU never sees an AVX2 instruction.
    static let preferred: Implementation = foresite_lstm_avx2_supported() != 0 ? .avx2 : .scalar

    /// Every implementation this CPU can run.
    static var available: [Implementation] { preferred == .avx2 ? [.avx2, .scalar] : [.scalar] }

    /// One forward step for `rows` rows: `gates` holds x·W on entry and the activations i, f, c̃, o on
    /// return. `recurrentRows` is how many rows of U to accumulate: `hidden`, or 0 when the previous
    /// hidden state is the zero initial state (its product is exactly zero).
    @inline(__always)
    static func forwardStep(
        _ implementation: Implementation, rows: Int, recurrentRows: Int, layout: PaddedGateLayout,
        recurrent: UnsafePointer<Float>, bias: UnsafePointer<Float>, previousHidden: UnsafePointer<Float>,
        previousCell: UnsafePointer<Float>, gates: UnsafeMutablePointer<Float>, cells: UnsafeMutablePointer<Float>,
        cellTanh: UnsafeMutablePointer<Float>, hiddens: UnsafeMutablePointer<Float>
    ) {
        let step =
            implementation == .avx2 ? foresite_lstm_forward_step_avx2 : foresite_lstm_forward_step_scalar
        step(
            Int32(rows), Int32(recurrentRows), Int32(layout.paddedHidden), recurrent, bias, previousHidden,
            previousCell, gates, cells, cellTanh, hiddens)
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
            implementation == .avx2 ? foresite_lstm_backward_step_avx2 : foresite_lstm_backward_step_scalar
        step(
            Int32(rows), Int32(layout.hidden), Int32(layout.paddedHidden), recurrentTransposed, gates, previousCell,
            cellTanh, hiddenGradient, cellGradient, gateGradients, propagate ? 1 : 0)
    }
}
