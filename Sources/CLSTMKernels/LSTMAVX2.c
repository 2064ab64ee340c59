// The AVX2 + FMA implementation of CLSTMKernels.h. Compiled for every x86-64 CPU (the functions carry
// their own target attribute), called only where `foresite_lstm_avx2_supported` says the CPU has the
// instructions. Other architectures get functions that forward to the scalar versions.
#include "CLSTMKernels.h"
#include "CephesExp.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

int foresite_lstm_avx2_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

AVX2 static inline __m256 exp8(__m256 x) {
    x = _mm256_min_ps(_mm256_max_ps(x, _mm256_set1_ps(CEPHES_EXP_LOWEST)), _mm256_set1_ps(CEPHES_EXP_HIGHEST));
    const __m256 n = _mm256_round_ps(
        _mm256_mul_ps(x, _mm256_set1_ps(CEPHES_LOG2E)), _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    __m256 r = _mm256_fnmadd_ps(n, _mm256_set1_ps(CEPHES_LN2_HIGH), x);
    r = _mm256_fnmadd_ps(n, _mm256_set1_ps(CEPHES_LN2_LOW), r);
    __m256 p = _mm256_set1_ps(CEPHES_P0);
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(CEPHES_P1));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(CEPHES_P2));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(CEPHES_P3));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(CEPHES_P4));
    p = _mm256_fmadd_ps(p, r, _mm256_set1_ps(CEPHES_P5));
    p = _mm256_add_ps(_mm256_fmadd_ps(p, _mm256_mul_ps(r, r), r), _mm256_set1_ps(1.0f));
    const __m256i exponent = _mm256_slli_epi32(_mm256_add_epi32(_mm256_cvtps_epi32(n), _mm256_set1_epi32(127)), 23);
    return _mm256_mul_ps(p, _mm256_castsi256_ps(exponent));
}

/// σ(s·x)·s − (s − 1): the sigmoid for s = 1, tanh for s = 2.
AVX2 static inline __m256 scaled_sigmoid8(__m256 x, float s) {
    const __m256 scale = _mm256_set1_ps(s);
    const __m256 e = exp8(_mm256_mul_ps(_mm256_set1_ps(-s), x));
    return _mm256_sub_ps(_mm256_div_ps(scale, _mm256_add_ps(_mm256_set1_ps(1.0f), e)), _mm256_set1_ps(s - 1.0f));
}

/// Gate activations of two rows (which may be the same row): z ← act(z + b + h·U), 32 columns at a
/// time so 8 accumulators (2 rows × 4 registers) hide the FMA latency and each U load serves both rows.
AVX2 static void gates_for_pair(
    int hidden, int hp, const float *recurrent, const float *bias, const float *h0, const float *h1, float *z0,
    float *z1) {
    const int width = 4 * hp;
    for (int col = 0; col < width; col += 32) {
        const __m256 b0 = _mm256_loadu_ps(bias + col), b1 = _mm256_loadu_ps(bias + col + 8);
        const __m256 b2 = _mm256_loadu_ps(bias + col + 16), b3 = _mm256_loadu_ps(bias + col + 24);
        __m256 a0 = _mm256_add_ps(_mm256_loadu_ps(z0 + col), b0), a1 = _mm256_add_ps(_mm256_loadu_ps(z0 + col + 8), b1);
        __m256 a2 = _mm256_add_ps(_mm256_loadu_ps(z0 + col + 16), b2);
        __m256 a3 = _mm256_add_ps(_mm256_loadu_ps(z0 + col + 24), b3);
        __m256 a4 = _mm256_add_ps(_mm256_loadu_ps(z1 + col), b0), a5 = _mm256_add_ps(_mm256_loadu_ps(z1 + col + 8), b1);
        __m256 a6 = _mm256_add_ps(_mm256_loadu_ps(z1 + col + 16), b2);
        __m256 a7 = _mm256_add_ps(_mm256_loadu_ps(z1 + col + 24), b3);
        for (int k = 0; k < hidden; k++) {
            const float *u = recurrent + k * width + col;
            const __m256 u0 = _mm256_loadu_ps(u), u1 = _mm256_loadu_ps(u + 8);
            const __m256 u2 = _mm256_loadu_ps(u + 16), u3 = _mm256_loadu_ps(u + 24);
            const __m256 x0 = _mm256_broadcast_ss(h0 + k), x1 = _mm256_broadcast_ss(h1 + k);
            a0 = _mm256_fmadd_ps(x0, u0, a0);
            a1 = _mm256_fmadd_ps(x0, u1, a1);
            a2 = _mm256_fmadd_ps(x0, u2, a2);
            a3 = _mm256_fmadd_ps(x0, u3, a3);
            a4 = _mm256_fmadd_ps(x1, u0, a4);
            a5 = _mm256_fmadd_ps(x1, u1, a5);
            a6 = _mm256_fmadd_ps(x1, u2, a6);
            a7 = _mm256_fmadd_ps(x1, u3, a7);
        }
        // Block c̃ (columns 2·hp ..< 3·hp) takes tanh, the others the sigmoid; hp is a multiple of 8.
        const float s0 = col / hp == 2 ? 2.0f : 1.0f, s1 = (col + 8) / hp == 2 ? 2.0f : 1.0f;
        const float s2 = (col + 16) / hp == 2 ? 2.0f : 1.0f, s3 = (col + 24) / hp == 2 ? 2.0f : 1.0f;
        _mm256_storeu_ps(z0 + col, scaled_sigmoid8(a0, s0));
        _mm256_storeu_ps(z0 + col + 8, scaled_sigmoid8(a1, s1));
        _mm256_storeu_ps(z0 + col + 16, scaled_sigmoid8(a2, s2));
        _mm256_storeu_ps(z0 + col + 24, scaled_sigmoid8(a3, s3));
        _mm256_storeu_ps(z1 + col, scaled_sigmoid8(a4, s0));
        _mm256_storeu_ps(z1 + col + 8, scaled_sigmoid8(a5, s1));
        _mm256_storeu_ps(z1 + col + 16, scaled_sigmoid8(a6, s2));
        _mm256_storeu_ps(z1 + col + 24, scaled_sigmoid8(a7, s3));
    }
}

/// c = f·c₋₁ + i·c̃, h = o·tanh c for one row.
AVX2 static void cell_update(int hp, const float *z, const float *pc, float *c, float *t, float *h) {
    for (int unit = 0; unit < hp; unit += 8) {
        const __m256 i = _mm256_loadu_ps(z + unit), f = _mm256_loadu_ps(z + hp + unit);
        const __m256 g = _mm256_loadu_ps(z + 2 * hp + unit), o = _mm256_loadu_ps(z + 3 * hp + unit);
        const __m256 cell = _mm256_fmadd_ps(f, _mm256_loadu_ps(pc + unit), _mm256_mul_ps(i, g));
        const __m256 tanh = scaled_sigmoid8(cell, 2.0f);
        _mm256_storeu_ps(c + unit, cell);
        _mm256_storeu_ps(t + unit, tanh);
        _mm256_storeu_ps(h + unit, _mm256_mul_ps(o, tanh));
    }
}

AVX2 void foresite_lstm_forward_step_avx2(
    int rows, int recurrent_rows, int hidden_padded, const float *recurrent, const float *bias,
    const float *previous_hidden, const float *previous_cell, float *gates, float *cell, float *cell_tanh,
    float *hidden_state) {
    const int hp = hidden_padded, width = 4 * hidden_padded;
    for (int row = 0; row < rows; row += 2) {
        // An odd last row is paired with itself: same inputs, same stores, no extra latency.
        const int other = row + 1 < rows ? row + 1 : row;
        gates_for_pair(
            recurrent_rows, hp, recurrent, bias, previous_hidden + row * hp, previous_hidden + other * hp,
            gates + row * width, gates + other * width);
        for (int r = row; r <= other; r++) {
            cell_update(
                hp, gates + r * width, previous_cell + r * hp, cell + r * hp, cell_tanh + r * hp,
                hidden_state + r * hp);
        }
    }
}

/// dL/dz of the four gates for one row, and dL/dc₋₁ in place of dL/dc.
AVX2 static void gate_gradients_for_row(
    int hp, const float *z, const float *pc, const float *t, const float *dh, float *dc, float *dz) {
    const __m256 one = _mm256_set1_ps(1.0f);
    for (int unit = 0; unit < hp; unit += 8) {
        const __m256 i = _mm256_loadu_ps(z + unit), f = _mm256_loadu_ps(z + hp + unit);
        const __m256 g = _mm256_loadu_ps(z + 2 * hp + unit), o = _mm256_loadu_ps(z + 3 * hp + unit);
        const __m256 tanh = _mm256_loadu_ps(t + unit), dhu = _mm256_loadu_ps(dh + unit);
        const __m256 dcu = _mm256_fmadd_ps(
            _mm256_mul_ps(dhu, o), _mm256_fnmadd_ps(tanh, tanh, one), _mm256_loadu_ps(dc + unit));
        const __m256 di = _mm256_mul_ps(_mm256_mul_ps(dcu, g), _mm256_mul_ps(i, _mm256_sub_ps(one, i)));
        const __m256 df = _mm256_mul_ps(
            _mm256_mul_ps(dcu, _mm256_loadu_ps(pc + unit)), _mm256_mul_ps(f, _mm256_sub_ps(one, f)));
        const __m256 dg = _mm256_mul_ps(_mm256_mul_ps(dcu, i), _mm256_fnmadd_ps(g, g, one));
        const __m256 d_o = _mm256_mul_ps(_mm256_mul_ps(dhu, tanh), _mm256_mul_ps(o, _mm256_sub_ps(one, o)));
        _mm256_storeu_ps(dz + unit, di);
        _mm256_storeu_ps(dz + hp + unit, df);
        _mm256_storeu_ps(dz + 2 * hp + unit, dg);
        _mm256_storeu_ps(dz + 3 * hp + unit, d_o);
        _mm256_storeu_ps(dc + unit, _mm256_mul_ps(dcu, f));
    }
}

/// dL/dh₋₁ = dz·Uᵀ for two rows (which may be the same row), 32 units at a time with 8 accumulators,
/// then any remaining 8-unit tile with 2. Padding columns of dz are zero and skipped.
AVX2 static void hidden_gradient_for_pair(
    int hidden, int hp, const float *ut, const float *dz0, const float *dz1, float *dh0, float *dh1) {
    int col = 0;
    for (; col + 32 <= hp; col += 32) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0, a2 = a0, a3 = a0, a4 = a0, a5 = a0, a6 = a0, a7 = a0;
        for (int block = 0; block < 4; block++) {
            for (int j = block * hp; j < block * hp + hidden; j++) {
                const float *u = ut + j * hp + col;
                const __m256 u0 = _mm256_loadu_ps(u), u1 = _mm256_loadu_ps(u + 8);
                const __m256 u2 = _mm256_loadu_ps(u + 16), u3 = _mm256_loadu_ps(u + 24);
                const __m256 x0 = _mm256_broadcast_ss(dz0 + j), x1 = _mm256_broadcast_ss(dz1 + j);
                a0 = _mm256_fmadd_ps(x0, u0, a0);
                a1 = _mm256_fmadd_ps(x0, u1, a1);
                a2 = _mm256_fmadd_ps(x0, u2, a2);
                a3 = _mm256_fmadd_ps(x0, u3, a3);
                a4 = _mm256_fmadd_ps(x1, u0, a4);
                a5 = _mm256_fmadd_ps(x1, u1, a5);
                a6 = _mm256_fmadd_ps(x1, u2, a6);
                a7 = _mm256_fmadd_ps(x1, u3, a7);
            }
        }
        _mm256_storeu_ps(dh0 + col, a0);
        _mm256_storeu_ps(dh0 + col + 8, a1);
        _mm256_storeu_ps(dh0 + col + 16, a2);
        _mm256_storeu_ps(dh0 + col + 24, a3);
        _mm256_storeu_ps(dh1 + col, a4);
        _mm256_storeu_ps(dh1 + col + 8, a5);
        _mm256_storeu_ps(dh1 + col + 16, a6);
        _mm256_storeu_ps(dh1 + col + 24, a7);
    }
    for (; col < hp; col += 8) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0;
        for (int block = 0; block < 4; block++) {
            for (int j = block * hp; j < block * hp + hidden; j++) {
                const __m256 u = _mm256_loadu_ps(ut + j * hp + col);
                a0 = _mm256_fmadd_ps(_mm256_broadcast_ss(dz0 + j), u, a0);
                a1 = _mm256_fmadd_ps(_mm256_broadcast_ss(dz1 + j), u, a1);
            }
        }
        _mm256_storeu_ps(dh0 + col, a0);
        _mm256_storeu_ps(dh1 + col, a1);
    }
}

AVX2 void foresite_lstm_backward_step_avx2(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    const int hp = hidden_padded, width = 4 * hidden_padded;
    for (int row = 0; row < rows; row += 2) {
        const int other = row + 1 < rows ? row + 1 : row;
        // Both rows' dL/dh are consumed here before the pair's dL/dh₋₁ overwrites them.
        for (int r = row; r <= other; r++) {
            gate_gradients_for_row(
                hp, gates + r * width, previous_cell + r * hp, cell_tanh + r * hp, hidden_gradient + r * hp,
                cell_gradient + r * hp, gate_gradients + r * width);
        }
        if (propagate) {
            hidden_gradient_for_pair(
                hidden, hp, recurrent_transposed, gate_gradients + row * width, gate_gradients + other * width,
                hidden_gradient + row * hp, hidden_gradient + other * hp);
        }
    }
}

#else

int foresite_lstm_avx2_supported(void) { return 0; }

void foresite_lstm_forward_step_avx2(
    int rows, int recurrent_rows, int hidden_padded, const float *recurrent, const float *bias,
    const float *previous_hidden, const float *previous_cell, float *gates, float *cell, float *cell_tanh,
    float *hidden_state) {
    foresite_lstm_forward_step_scalar(
        rows, recurrent_rows, hidden_padded, recurrent, bias, previous_hidden, previous_cell, gates, cell, cell_tanh,
        hidden_state);
}

void foresite_lstm_backward_step_avx2(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    foresite_lstm_backward_step_scalar(
        rows, hidden, hidden_padded, recurrent_transposed, gates, previous_cell, cell_tanh, hidden_gradient,
        cell_gradient, gate_gradients, propagate);
}

#endif
