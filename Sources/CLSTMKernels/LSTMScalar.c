// The portable implementation of CLSTMKernels.h: plain loops over the padded gate layout, for CPUs
// without AVX2/FMA and as the reference the AVX2 version is tested against.
#include "CLSTMKernels.h"
#include "CephesExp.h"

#include <string.h>

static float cephes_exp(float x) {
    x = x < CEPHES_EXP_LOWEST ? CEPHES_EXP_LOWEST : (x > CEPHES_EXP_HIGHEST ? CEPHES_EXP_HIGHEST : x);
    // Adding 1.5·2²³ rounds to the nearest integer (ties to even), as _mm256_round_ps does.
    const float magic = 12582912.0f;
    float n = (x * CEPHES_LOG2E + magic) - magic;
    float r = x - n * CEPHES_LN2_HIGH;
    r = r - n * CEPHES_LN2_LOW;
    float p = CEPHES_P0;
    p = p * r + CEPHES_P1;
    p = p * r + CEPHES_P2;
    p = p * r + CEPHES_P3;
    p = p * r + CEPHES_P4;
    p = p * r + CEPHES_P5;
    p = p * (r * r) + r + 1.0f;
    unsigned int bits = (unsigned int)((int)n + 127) << 23;
    float power;
    memcpy(&power, &bits, sizeof power);
    return p * power;
}

/// σ(s·x)·s − (s − 1): the sigmoid for s = 1, tanh for s = 2 (tanh x = 2σ(2x) − 1).
static float scaled_sigmoid(float x, float s) { return s / (1.0f + cephes_exp(-s * x)) - (s - 1.0f); }

void foresite_lstm_forward_step_scalar(
    int rows, int recurrent_rows, int hidden_padded, const float *recurrent, const float *bias,
    const float *previous_hidden, const float *previous_cell, float *gates, float *cell, float *cell_tanh,
    float *hidden_state) {
    const int hp = hidden_padded, width = 4 * hidden_padded;
    for (int row = 0; row < rows; row++) {
        float *z = gates + row * width;
        const float *h = previous_hidden + row * hp;
        for (int j = 0; j < width; j++) z[j] += bias[j];
        for (int k = 0; k < recurrent_rows; k++) {
            const float hk = h[k];
            const float *u = recurrent + k * width;
            for (int j = 0; j < width; j++) z[j] += hk * u[j];
        }
        for (int j = 0; j < width; j++) z[j] = scaled_sigmoid(z[j], j / hp == 2 ? 2.0f : 1.0f);
        const float *pc = previous_cell + row * hp;
        float *c = cell + row * hp, *t = cell_tanh + row * hp, *hs = hidden_state + row * hp;
        for (int unit = 0; unit < hp; unit++) {
            c[unit] = z[hp + unit] * pc[unit] + z[unit] * z[2 * hp + unit];
            t[unit] = scaled_sigmoid(c[unit], 2.0f);
            hs[unit] = z[3 * hp + unit] * t[unit];
        }
    }
}

void foresite_lstm_backward_step_scalar(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    const int hp = hidden_padded, width = 4 * hidden_padded;
    for (int row = 0; row < rows; row++) {
        const float *z = gates + row * width, *pc = previous_cell + row * hp, *t = cell_tanh + row * hp;
        float *dh = hidden_gradient + row * hp, *dc = cell_gradient + row * hp, *dz = gate_gradients + row * width;
        for (int unit = 0; unit < hp; unit++) {
            const float i = z[unit], f = z[hp + unit], g = z[2 * hp + unit], o = z[3 * hp + unit];
            const float tu = t[unit], dhu = dh[unit];
            const float dcu = dc[unit] + dhu * o * (1.0f - tu * tu);
            dz[unit] = dcu * g * i * (1.0f - i);
            dz[hp + unit] = dcu * pc[unit] * f * (1.0f - f);
            dz[2 * hp + unit] = dcu * i * (1.0f - g * g);
            dz[3 * hp + unit] = dhu * tu * o * (1.0f - o);
            dc[unit] = dcu * f;
        }
        if (!propagate) continue;
        // dL/dh₋₁ = dz·Uᵀ; padding columns of dz are zero, so only the `hidden` real units of each block count.
        for (int unit = 0; unit < hp; unit++) dh[unit] = 0.0f;
        for (int block = 0; block < 4; block++) {
            for (int j = block * hp; j < block * hp + hidden; j++) {
                const float dzj = dz[j];
                const float *ut = recurrent_transposed + j * hp;
                for (int unit = 0; unit < hp; unit++) dh[unit] += dzj * ut[unit];
            }
        }
    }
}
