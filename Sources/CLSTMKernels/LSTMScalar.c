// The portable implementation of CLSTMKernels.h: plain loops over the padded gate layout (CLSTMKernels.h), for CPUs
// without AVX2/FMA and as the reference the AVX2 version is tested against.
#include "CLSTMKernels.h"
#include "Activations.h"

#include <stdint.h>
#include <string.h>

/// 2^y (Activations.h), the same operations as the AVX2 version's lanes.
static float exp2_reduced(float y) {
    y = y < -EXP2_LIMIT ? -EXP2_LIMIT : (y > EXP2_LIMIT ? EXP2_LIMIT : y);
    const float rounded = y + EXP2_ROUND;
    const float n = rounded - EXP2_ROUND;
    const float f = y - n;
    float p = EXP2_C5 * f + EXP2_C4;
    p = p * f + EXP2_C3;
    p = p * f + EXP2_C2;
    p = p * f + EXP2_C1;
    p = p * f + 1.0f;
    uint32_t bits, scale;
    memcpy(&bits, &p, sizeof bits);
    memcpy(&scale, &rounded, sizeof scale);
    bits += scale << 23;
    memcpy(&p, &bits, sizeof p);
    return p;
}

/// σ from its exponent y = −x·log₂e (Activations.h).
static float sigmoid_of_exponent(float y) { return 1.0f / (1.0f + exp2_reduced(y)); }

/// tanh from its exponent y = −2x·log₂e.
static float tanh_of_exponent(float y) {
    const float e = exp2_reduced(y);
    return (1.0f - e) / (1.0f + e);
}

/// The gate activation of column `j` from its exponent-scaled pre-activation: tanh for the candidate block
/// c̃, σ for i, f, o.
static float gate_activation(float y, int j, int hidden) {
    return j >= 2 * hidden && j < 3 * hidden ? tanh_of_exponent(y) : sigmoid_of_exponent(y);
}

void foresite_lstm_forward_step_scalar(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    const int hp = hidden_padded, width = foresite_gate_width(hidden);
    for (int row = 0; row < rows; row++) {
        float *z = gates + row * width;
        const float *x = inputs + row * features, *h = previous_hidden + row * hp;
        for (int j = 0; j < width; j++) z[j] = bias[j];
        for (int k = 0; k < features; k++) {
            const float xk = x[k];
            const float *w = kernel + k * width;
            for (int j = 0; j < width; j++) z[j] += xk * w[j];
        }
        for (int k = 0; k < recurrent_rows; k++) {
            const float hk = h[k];
            const float *u = recurrent + k * width;
            for (int j = 0; j < width; j++) z[j] += hk * u[j];
        }
        for (int j = 0; j < width; j++) z[j] = gate_activation(z[j], j, hidden);
        const float *pc = previous_cell + row * hp;
        float *c = cell + row * hp, *t = cell_tanh + row * hp, *hs = hidden_state + row * hp;
        for (int unit = 0; unit < hidden; unit++) {
            c[unit] = z[hidden + unit] * pc[unit] + z[unit] * z[2 * hidden + unit];
            const float y = c[unit] * MINUS_2LOG2E;
            t[unit] = tanh_of_exponent(y);
            hs[unit] = z[3 * hidden + unit] * t[unit];
        }
        for (int unit = hidden; unit < hp; unit++) c[unit] = t[unit] = hs[unit] = 0.0f;
    }
}

void foresite_lstm_backward_step_scalar(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    const int hp = hidden_padded, width = foresite_gate_width(hidden);
    for (int row = 0; row < rows; row++) {
        const float *z = gates + row * width, *pc = previous_cell + row * hp, *t = cell_tanh + row * hp;
        float *dh = hidden_gradient + row * hp, *dc = cell_gradient + row * hp, *dz = gate_gradients + row * width;
        for (int unit = 0; unit < hidden; unit++) {
            const float i = z[unit], f = z[hidden + unit], g = z[2 * hidden + unit], o = z[3 * hidden + unit];
            const float tu = t[unit], dhu = dh[unit];
            const float dcu = dc[unit] + dhu * o * (1.0f - tu * tu);
            dz[unit] = dcu * g * i * (1.0f - i);
            dz[hidden + unit] = dcu * pc[unit] * f * (1.0f - f);
            dz[2 * hidden + unit] = dcu * i * (1.0f - g * g);
            dz[3 * hidden + unit] = dhu * tu * o * (1.0f - o);
            dc[unit] = dcu * f;
        }
        for (int unit = hidden; unit < hp; unit++) dc[unit] = 0.0f;
        if (!propagate) continue;
        // dL/dh₋₁ = dz·Uᵀ over the 4H real gate columns.
        for (int unit = 0; unit < hp; unit++) dh[unit] = 0.0f;
        for (int j = 0; j < 4 * hidden; j++) {
            const float dzj = dz[j];
            const float *ut = recurrent_transposed + j * hp;
            for (int unit = 0; unit < hp; unit++) dh[unit] += dzj * ut[unit];
        }
    }
}

/// c[k, ·] += Σ_r a[r, k]·dz[r, ·] for k < m.
static void transposed_product_accumulate(
    int m, int rows, const float *a, int a_stride, const float *dz, int width, float *c) {
    for (int k = 0; k < m; k++) {
        for (int r = 0; r < rows; r++) {
            const float ark = a[r * a_stride + k];
            const float *d = dz + r * width;
            for (int j = 0; j < width; j++) c[k * width + j] += ark * d[j];
        }
    }
}

void foresite_lstm_weight_gradients_scalar(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    const int width = foresite_gate_width(hidden);
    transposed_product_accumulate(features, rows, inputs, features, gate_gradients, width, kernel_gradient);
    transposed_product_accumulate(
        recurrent_rows, rows, previous_hidden, hidden_padded, gate_gradients, width, recurrent_gradient);
    for (int r = 0; r < rows; r++) {
        for (int j = 0; j < width; j++) bias_gradient[j] += gate_gradients[r * width + j];
    }
}
