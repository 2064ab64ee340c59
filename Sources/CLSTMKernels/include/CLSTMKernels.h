// The LSTM's per-time-step work, hand-written in C: the small recurrent matrix products fused with the
// gate activations and the cell update (forward) or the gate gradients (backward).
//
// Why C: at batch 32 × hidden 30 the recurrent products are far too small for a BLAS call to pay for its
// overhead, and Swift cannot yet express AVX2/FMA code selected at run time. Every function exists twice,
// an AVX2 + FMA version and a portable scalar one with the same memory layout; `foresite_lstm_avx2_supported`
// tells the caller (ForesiteML's `LSTMKernels`) which one the CPU can run.
//
// Layout ("padded gates"): every per-row state vector is `hidden_padded` floats, `hidden` rounded up to a
// multiple of 8 (one AVX register), and a gate row is `4 · hidden_padded` floats, the Keras blocks i, f, c̃, o
// each starting at a multiple of `hidden_padded`. Padding weights are zero, so padding units keep h = c = 0
// and zero gradients. Rows of a batch are consecutive (stride = the row width).
#ifndef CLSTMKERNELS_H
#define CLSTMKERNELS_H

#ifdef __cplusplus
extern "C" {
#endif

/// 1 if this CPU runs the `_avx2` functions (AVX2 and FMA), else 0.
int foresite_lstm_avx2_supported(void);

/// One forward time step for `rows` rows. On entry `gates` holds x·W (without bias); on return the
/// activations i, f, c̃, o. `recurrent` is the padded recurrent kernel, `hidden × 4·hidden_padded`, of
/// which the first `recurrent_rows` rows are accumulated (`hidden`, or 0 when the previous hidden state
/// is the zero initial state); `bias` is `4·hidden_padded`. Writes the new cell state, its tanh and the
/// new hidden state.
void foresite_lstm_forward_step_avx2(
    int rows, int recurrent_rows, int hidden_padded, const float *recurrent, const float *bias,
    const float *previous_hidden, const float *previous_cell, float *gates, float *cell, float *cell_tanh,
    float *hidden_state);
void foresite_lstm_forward_step_scalar(
    int rows, int recurrent_rows, int hidden_padded, const float *recurrent, const float *bias,
    const float *previous_hidden, const float *previous_cell, float *gates, float *cell, float *cell_tanh,
    float *hidden_state);

/// One backward time step for `rows` rows. On entry `hidden_gradient` is dL/dh and `cell_gradient` the
/// dL/dc flowing back from later steps; writes dL/dz of the four gates into `gate_gradients`, replaces
/// `cell_gradient` by dL/dc₋₁ and, if `propagate` is non-zero, `hidden_gradient` by dL/dh₋₁ = dz·Uᵀ.
/// `recurrent_transposed` is the padded recurrent kernel transposed, `4·hidden_padded × hidden_padded`.
void foresite_lstm_backward_step_avx2(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate);
void foresite_lstm_backward_step_scalar(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate);

#ifdef __cplusplus
}
#endif

#endif
