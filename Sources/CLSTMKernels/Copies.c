// The copies around the step kernels (CLSTMKernels.h): a window into a batch's time-major input, and the
// LSTM's Keras-layout weights into and out of the padded gate layout (for the forward step with each gate
// block times its activation's exponent factor). Loops the compiler may not turn into `memcpy` calls: a
// call per row and gate block (or per step of a window) of a few dozen bytes cost more than the copy
// itself, millions of times per training.
#include "CLSTMKernels.h"
#include "Activations.h"

#define NO_MEMCPY __attribute__((no_builtin("memcpy"), no_builtin("memmove")))

NO_MEMCPY void foresite_load_window(
    int steps, int features, int stride, const float *restrict window, float *restrict destination) {
    for (int step = 0; step < steps; step++) {
        const float *source = window + step * features;
        float *target = destination + step * stride;
        for (int k = 0; k < features; k++) target[k] = source[k];
    }
}

void foresite_prefetch_window(int count, const float *window) {
    for (int k = 0; k < count; k += 16) __builtin_prefetch(window + k);
    __builtin_prefetch(window + count - 1);
}

/// to[unit] = from[unit]·factor for each of the four `hidden`-unit blocks (block b at b · hidden) of
/// `rows` rows, `from_row` and `to_row` floats apart (`factor` 1 for a plain copy): the layout
/// conversions' common loop, 16 units per masked AVX-512 instruction where the CPU has them (the scalar
/// loop's 30-unit blocks cost more in loop overhead than in copying, 2 % of the training).
typedef void (*block_copy)(
    int rows, int hidden, int from_row, int to_row, const float *factor, const float *restrict source,
    float *restrict destination);

NO_MEMCPY static void copy_blocks_scalar(
    int rows, int hidden, int from_row, int to_row, const float *factor, const float *restrict source,
    float *restrict destination) {
    for (int row = 0; row < rows; row++) {
        for (int block = 0; block < 4; block++) {
            const float *from = source + row * from_row + block * hidden;
            float *to = destination + row * to_row + block * hidden;
            for (int unit = 0; unit < hidden; unit++) to[unit] = from[unit] * factor[block];
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

__attribute__((target("avx512f"))) static void copy_blocks_avx512(
    int rows, int hidden, int from_row, int to_row, const float *factor, const float *restrict source,
    float *restrict destination) {
    for (int row = 0; row < rows; row++) {
        for (int block = 0; block < 4; block++) {
            const float *from = source + row * from_row + block * hidden;
            float *to = destination + row * to_row + block * hidden;
            const __m512 scale = _mm512_set1_ps(factor[block]);
            for (int unit = 0; unit < hidden; unit += 16) {
                const __mmask16 mask = hidden - unit >= 16 ? 0xFFFF : (__mmask16)((1u << (hidden - unit)) - 1);
                _mm512_mask_storeu_ps(to + unit, mask, _mm512_mul_ps(_mm512_maskz_loadu_ps(mask, from + unit), scale));
            }
        }
    }
}

static block_copy copy_blocks(void) {
    // Chosen once; a relaxed atomic, since trainings on several threads may ask first at the same time.
    static block_copy chosen;
    block_copy copy = __atomic_load_n(&chosen, __ATOMIC_RELAXED);
    if (!copy) {
        __builtin_cpu_init();
        copy = __builtin_cpu_supports("avx512f") ? copy_blocks_avx512 : copy_blocks_scalar;
        __atomic_store_n(&chosen, copy, __ATOMIC_RELAXED);
    }
    return copy;
}

#else

static block_copy copy_blocks(void) { return copy_blocks_scalar; }

#endif

static const float unit_factors[4] = {1, 1, 1, 1};

void foresite_pad_gates(
    int rows, int hidden, int hidden_padded, const float *restrict source, float *restrict destination) {
    (void)hidden_padded;
    copy_blocks()(rows, hidden, 4 * hidden, foresite_gate_width(hidden), unit_factors, source, destination);
}

void foresite_pad_gate_exponents(
    int rows, int hidden, int hidden_padded, const float *restrict source, float *restrict destination) {
    static const float factors[4] = {MINUS_LOG2E, MINUS_LOG2E, MINUS_2LOG2E, MINUS_LOG2E};
    (void)hidden_padded;
    copy_blocks()(rows, hidden, 4 * hidden, foresite_gate_width(hidden), factors, source, destination);
}

void foresite_unpad_gates(
    int rows, int hidden, int hidden_padded, const float *restrict source, float *restrict destination) {
    (void)hidden_padded;
    copy_blocks()(rows, hidden, foresite_gate_width(hidden), 4 * hidden, unit_factors, source, destination);
}

NO_MEMCPY void foresite_pad_transposed(
    int hidden, int hidden_padded, const float *restrict recurrent, float *restrict destination) {
    // Row by row of U (contiguous reads); each value goes to its column's row of Uᵀ.
    for (int k = 0; k < hidden; k++) {
        const float *row = recurrent + k * 4 * hidden;
        for (int j = 0; j < 4 * hidden; j++) destination[j * hidden_padded + k] = row[j];
    }
}
