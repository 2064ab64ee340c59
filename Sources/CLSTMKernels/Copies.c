// The copies around the step kernels (CLSTMKernels.h): a window into a batch's time-major input, and the
// LSTM's Keras-layout weights into and out of the padded gate layout (for the forward step with each gate
// block times its activation's exponent factor). Plain loops the compiler may not
// turn into `memcpy` calls: a call per row and gate block (or per step of a window) of a few dozen bytes
// cost more than the copy itself, millions of times per training.
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

NO_MEMCPY void foresite_pad_gates(
    int rows, int hidden, int hidden_padded, const float *restrict source, float *restrict destination) {
    for (int row = 0; row < rows; row++) {
        for (int block = 0; block < 4; block++) {
            const float *from = source + row * 4 * hidden + block * hidden;
            float *to = destination + row * 4 * hidden_padded + block * hidden_padded;
            for (int unit = 0; unit < hidden; unit++) to[unit] = from[unit];
        }
    }
}

NO_MEMCPY void foresite_pad_gate_exponents(
    int rows, int hidden, int hidden_padded, const float *restrict source, float *restrict destination) {
    const float factor[4] = {MINUS_LOG2E, MINUS_LOG2E, MINUS_2LOG2E, MINUS_LOG2E};
    for (int row = 0; row < rows; row++) {
        for (int block = 0; block < 4; block++) {
            const float *from = source + row * 4 * hidden + block * hidden;
            float *to = destination + row * 4 * hidden_padded + block * hidden_padded;
            for (int unit = 0; unit < hidden; unit++) to[unit] = from[unit] * factor[block];
        }
    }
}

NO_MEMCPY void foresite_unpad_gates(
    int rows, int hidden, int hidden_padded, const float *restrict source, float *restrict destination) {
    for (int row = 0; row < rows; row++) {
        for (int block = 0; block < 4; block++) {
            const float *from = source + row * 4 * hidden_padded + block * hidden_padded;
            float *to = destination + row * 4 * hidden + block * hidden;
            for (int unit = 0; unit < hidden; unit++) to[unit] = from[unit];
        }
    }
}

NO_MEMCPY void foresite_pad_transposed(
    int hidden, int hidden_padded, const float *restrict recurrent, float *restrict destination) {
    // Row by row of U (contiguous reads); each value goes to its column's row of Uᵀ.
    for (int k = 0; k < hidden; k++) {
        const float *row = recurrent + k * 4 * hidden;
        for (int block = 0; block < 4; block++) {
            for (int unit = 0; unit < hidden; unit++) {
                destination[(block * hidden_padded + unit) * hidden_padded + k] = row[block * hidden + unit];
            }
        }
    }
}
