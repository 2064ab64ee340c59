// The LSTM's per-time-step work, hand-written in C: forward, the gate pre-activations b + x·W + h₋₁·U
// fused with the activations and the cell update; backward, the gate gradients and dz·Uᵀ, and each step's
// share of the weight gradients xᵀ·dz, h₋₁ᵀ·dz and Σ dz while that step's dz is still in L1.
//
// Why C: at batch 32 × hidden 30 the products are far too small for a BLAS call to pay for its overhead
// (OpenBLAS reached 12-21 GFLOP/s on them, these kernels about 30), and Swift cannot express AVX2/FMA code
// selected at run time. Every function exists twice, an AVX2 + FMA version and a portable scalar one with
// the same memory layout; `foresite_lstm_avx2_supported` tells the caller (ForesiteML's `LSTMKernels`)
// which one the CPU can run.
//
// Layout ("padded gates"): every per-row state vector is `hidden_padded` floats, `hidden` rounded up to a
// multiple of 8 (one AVX register). A gate row is `foresite_gate_width(hidden)` floats: the Keras blocks
// i, f, c̃, o back to back (block b at column b · hidden, as in Keras), then zeros up to a multiple of 8,
// so that the products waste no lanes on padding units (120 columns for hidden 30, not 128). Padding
// weights are zero and padding units keep h = c = 0 and zero gradients. Rows of a batch are consecutive
// (stride = the row width).
#ifndef CLSTMKERNELS_H
#define CLSTMKERNELS_H

// The FMA throughput probe the training benchmark measures these kernels against.
#include "FMAPeak.h"

#ifdef __cplusplus
extern "C" {
#endif

/// Floats in a gate row: 4 · hidden rounded up to a multiple of 8.
static inline int foresite_gate_width(int hidden) { return (4 * hidden + 7) / 8 * 8; }

/// 1 if this CPU runs the `_avx2` functions (AVX2 and FMA), else 0.
int foresite_lstm_avx2_supported(void);
/// 1 if this CPU runs the `_avx512` function (AVX-512F, AVX2 and FMA), else 0.
int foresite_lstm_avx512_supported(void);

/// One forward time step for `rows` rows: writes the gate activations i, f, c̃, o of
/// b + x·W + h₋₁·U into `gates`, then the new cell state, its tanh and the new hidden state.
/// W, U and b come with each gate block multiplied by its activation's exponent factor
/// (`foresite_pad_gate_exponents`: −log₂e for σ, −2·log₂e for tanh; Activations.h), so the products
/// deliver the exponents the activations start from, without a multiply per gate.
/// `inputs` is `rows × features`; `kernel` the padded input kernel, `features × width` (width =
/// `foresite_gate_width(hidden)`); `recurrent` the padded recurrent kernel, `hidden × width`, of which the
/// first `recurrent_rows` rows are accumulated (`hidden`, or 0 when h₋₁ is the zero initial state);
/// `bias` is `width`.
void foresite_lstm_forward_step_avx2(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state);
void foresite_lstm_forward_step_scalar(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state);
/// The AVX-512 forward step, for `hidden_padded` a multiple of 16 (else it calls the AVX2 one).
void foresite_lstm_forward_step_avx512(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state);

/// One backward time step for `rows` rows. On entry `hidden_gradient` is dL/dh and `cell_gradient` the
/// dL/dc flowing back from later steps; writes dL/dz of the four gates into `gate_gradients`, replaces
/// `cell_gradient` by dL/dc₋₁ and, if `propagate` is non-zero, `hidden_gradient` by dL/dh₋₁ = dz·Uᵀ.
/// `recurrent_transposed` is the padded recurrent kernel transposed, `width × hidden_padded`.
void foresite_lstm_backward_step_avx2(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate);
void foresite_lstm_backward_step_scalar(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate);
/// The AVX-512 backward step, for `hidden_padded` a multiple of 16 (else it calls the AVX2 one).
void foresite_lstm_backward_step_avx512(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate);

/// Adds one time step's share of the LSTM weight gradients, given that step's `gate_gradients` (dL/dz,
/// `rows × width`): `kernel_gradient` += xᵀ·dz (`features × width`),
/// `recurrent_gradient` += h₋₁ᵀ·dz for its first `recurrent_rows` rows, `bias_gradient` += Σ dz.
void foresite_lstm_weight_gradients_avx2(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient);
void foresite_lstm_weight_gradients_scalar(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient);
void foresite_lstm_weight_gradients_avx512(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient);

/// Copies one window (`steps × features`, step-major) to `destination`, step s at `destination + s·stride`.
void foresite_load_window(int steps, int features, int stride, const float *window, float *destination);

/// Asks the caches for `count` floats from `window` on: a batch's windows, picked at random from a training
/// set that does not stay in L2 beside the batch's states, then miss in parallel rather than one window
/// after another in `foresite_load_window` (3 % of the training time before).
void foresite_prefetch_window(int count, const float *window);

/// `rows × 4·hidden` Keras-layout values into `rows × width` padded rows (padding entries are left as
/// they are), and back; and the recurrent kernel U (`hidden × 4·hidden`) transposed into
/// `width × hidden_padded` (ForesiteML's `PaddedGateLayout`).
void foresite_pad_gates(int rows, int hidden, int hidden_padded, const float *source, float *destination);
/// `foresite_pad_gates` with blocks i, f, o multiplied by −log₂e and c̃ by −2·log₂e: the forward step's weights.
void foresite_pad_gate_exponents(
    int rows, int hidden, int hidden_padded, const float *source, float *destination);
void foresite_unpad_gates(int rows, int hidden, int hidden_padded, const float *source, float *destination);
void foresite_pad_transposed(int hidden, int hidden_padded, const float *recurrent, float *destination);

/// C ← op(A)·op(B) for the dense layers, all row-major: op(A) is `m × k` (A itself, or Aᵀ with
/// `transpose_a`), op(B) `k × n`, C `m × n`; `lda`, `ldb`, `ldc` the stored rows' strides. Every C[i][j] is
/// one chain of fused multiply-adds over k in order from zero, the same bits on every CPU (DenseProduct.c).
void foresite_dense_product(
    int transpose_a, int transpose_b, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float *c, int ldc);
/// `foresite_dense_product` on the portable path whatever the CPU (`fmaf`), for tests to compare with.
void foresite_dense_product_portable(
    int transpose_a, int transpose_b, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float *c, int ldc);

/// Adam's element-wise update of `count` parameters (ForesiteML's `Adam`): m ← m + (g − m)·(1 − β₁),
/// v ← v + (g² − v)·(1 − β₂), θ ← θ − (m·α) / (√v + ε), in IEEE single precision without FMA, the same
/// bits for every parameter on every CPU.
void foresite_adam_update(
    int count, float *theta, float *m, float *v, const float *g, float alpha, float one_minus_beta1,
    float one_minus_beta2, float epsilon);

#ifdef __cplusplus
}
#endif

#endif
