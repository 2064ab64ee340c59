// The AVX2 + FMA implementation of CLSTMKernels.h. Compiled for every x86-64 CPU (the functions carry
// their own target attribute), called only where `foresite_lstm_avx2_supported` says the CPU has the
// instructions. Other architectures get functions that forward to the scalar versions.
#include "CLSTMKernels.h"
#include "Activations.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

int foresite_lstm_avx2_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// acc[0..3] += a0[k]·M[k, col ..< col+32] and acc[4..7] += a1[k]·M[k, col ..< col+32] for k < count: the
/// register-blocked core of every product here (8 accumulators hide the FMA latency, each row of M
/// loaded once serves both rows of a).
AVX2 static inline __attribute__((always_inline)) void accumulate_pair(
    int count, const float *a0, const float *a1, int a_stride, const float *m, int m_stride, __m256 acc[8]) {
    for (int k = 0; k < count; k++) {
        const float *row = m + k * m_stride;
        const __m256 m0 = _mm256_loadu_ps(row), m1 = _mm256_loadu_ps(row + 8);
        const __m256 m2 = _mm256_loadu_ps(row + 16), m3 = _mm256_loadu_ps(row + 24);
        const __m256 x0 = _mm256_broadcast_ss(a0 + k * a_stride), x1 = _mm256_broadcast_ss(a1 + k * a_stride);
        acc[0] = _mm256_fmadd_ps(x0, m0, acc[0]);
        acc[1] = _mm256_fmadd_ps(x0, m1, acc[1]);
        acc[2] = _mm256_fmadd_ps(x0, m2, acc[2]);
        acc[3] = _mm256_fmadd_ps(x0, m3, acc[3]);
        acc[4] = _mm256_fmadd_ps(x1, m0, acc[4]);
        acc[5] = _mm256_fmadd_ps(x1, m1, acc[5]);
        acc[6] = _mm256_fmadd_ps(x1, m2, acc[6]);
        acc[7] = _mm256_fmadd_ps(x1, m3, acc[7]);
    }
}

/// Gate pre-activations of two rows, 32 columns at a time:
/// z ← b + x·W + h₋₁·U.
AVX2 static void preactivations_for_pair(
    int features, int recurrent_rows, int hp, const float *x0, const float *x1, const float *kernel,
    const float *recurrent, const float *bias, const float *h0, const float *h1, float *z0, float *z1) {
    const int width = 4 * hp;
    for (int col = 0; col < width; col += 32) {
        __m256 acc[8];
        for (int t = 0; t < 4; t++) acc[t] = acc[t + 4] = _mm256_loadu_ps(bias + col + 8 * t);
        accumulate_pair(features, x0, x1, 1, kernel + col, width, acc);
        accumulate_pair(recurrent_rows, h0, h1, 1, recurrent + col, width, acc);
        for (int t = 0; t < 4; t++) {
            _mm256_storeu_ps(z0 + col + 8 * t, acc[t]);
            _mm256_storeu_ps(z1 + col + 8 * t, acc[t + 4]);
        }
    }
}

/// acc[t] += a[k]·M[k, 8t ..< 8t+8] for t < tiles, k < count: the one-row variant of `accumulate_pair`
/// (`tiles` is a constant after inlining, so the accumulators stay in registers).
AVX2 static inline __attribute__((always_inline)) void accumulate_row(
    int count, const float *a, const float *m, int m_stride, int tiles, __m256 acc[8]) {
    for (int k = 0; k < count; k++) {
        const __m256 x = _mm256_broadcast_ss(a + k);
        for (int t = 0; t < tiles; t++) acc[t] = _mm256_fmadd_ps(x, _mm256_loadu_ps(m + k * m_stride + 8 * t), acc[t]);
    }
}

/// Gate pre-activations of a single row, 64 columns at a time (8 accumulators), then any last 32.
AVX2 static void preactivations_for_row(
    int features, int recurrent_rows, int hp, const float *x, const float *kernel, const float *recurrent,
    const float *bias, const float *h, float *z) {
    const int width = 4 * hp;
    int col = 0;
    for (; col + 64 <= width; col += 64) {
        __m256 acc[8];
        for (int t = 0; t < 8; t++) acc[t] = _mm256_loadu_ps(bias + col + 8 * t);
        accumulate_row(features, x, kernel + col, width, 8, acc);
        accumulate_row(recurrent_rows, h, recurrent + col, width, 8, acc);
        for (int t = 0; t < 8; t++) _mm256_storeu_ps(z + col + 8 * t, acc[t]);
    }
    if (col < width) {
        __m256 acc[8];
        for (int t = 0; t < 4; t++) acc[t] = _mm256_loadu_ps(bias + col + 8 * t);
        accumulate_row(features, x, kernel + col, width, 4, acc);
        accumulate_row(recurrent_rows, h, recurrent + col, width, 4, acc);
        for (int t = 0; t < 4; t++) _mm256_storeu_ps(z + col + 8 * t, acc[t]);
    }
}

/// v[k] ← σ or tanh (`tanh` set) of the exponents v[k] for k < n ≤ 4 (Activations.h): σ = 1 / (1 + e),
/// tanh = (1 − e) / (1 + e), e = 2^y; one step of all n chains after another, so that the scheduler sees
/// n independent chains (`n` a constant after inlining, so they stay in registers).
AVX2 static inline __attribute__((always_inline)) void activate_group(int n, __m256 *v, int tanh) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 rounded[4], p[4];
    for (int k = 0; k < n; k++) {
        v[k] = _mm256_min_ps(_mm256_max_ps(v[k], _mm256_set1_ps(-EXP2_LIMIT)), _mm256_set1_ps(EXP2_LIMIT));
    }
    for (int k = 0; k < n; k++) rounded[k] = _mm256_add_ps(v[k], _mm256_set1_ps(EXP2_ROUND));
    for (int k = 0; k < n; k++) v[k] = _mm256_sub_ps(v[k], _mm256_sub_ps(rounded[k], _mm256_set1_ps(EXP2_ROUND)));
    for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(_mm256_set1_ps(EXP2_C5), v[k], _mm256_set1_ps(EXP2_C4));
    for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], _mm256_set1_ps(EXP2_C3));
    for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], _mm256_set1_ps(EXP2_C2));
    for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], _mm256_set1_ps(EXP2_C1));
    for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], one);
    for (int k = 0; k < n; k++) {
        const __m256i scale = _mm256_slli_epi32(_mm256_castps_si256(rounded[k]), 23);
        p[k] = _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(p[k]), scale));
    }
    for (int k = 0; k < n; k++) {
        v[k] = _mm256_div_ps(tanh ? _mm256_sub_ps(one, p[k]) : one, _mm256_add_ps(one, p[k]));
    }
}

/// For one row: the gate activations i, f, c̃, o in place of their exponents, four tiles of a gate block
/// at a time, then c = f·c₋₁ + i·c̃ (h = o·tanh c follows for the whole step in `hidden_state_row`). One
/// tile's five chains at a time (four gates, then tanh c after them) waited on each other's latency.
AVX2 static void activate_row(int hp, float *z, const float *pc, float *c) {
    for (int gate = 0; gate < 4; gate++) {
        int unit = 0;
        // The group size a constant, so the chains stay in registers.
        for (; unit + 32 <= hp; unit += 32) {
            float *at = z + gate * hp + unit;
            __m256 v[4];
            for (int k = 0; k < 4; k++) v[k] = _mm256_loadu_ps(at + 8 * k);
            activate_group(4, v, gate == 2);
            for (int k = 0; k < 4; k++) _mm256_storeu_ps(at + 8 * k, v[k]);
        }
        for (; unit < hp; unit += 8) {
            __m256 v = _mm256_loadu_ps(z + gate * hp + unit);
            activate_group(1, &v, gate == 2);
            _mm256_storeu_ps(z + gate * hp + unit, v);
        }
    }
    for (int unit = 0; unit < hp; unit += 8) {
        const __m256 i = _mm256_loadu_ps(z + unit), f = _mm256_loadu_ps(z + hp + unit);
        const __m256 g = _mm256_loadu_ps(z + 2 * hp + unit);
        _mm256_storeu_ps(c + unit, _mm256_fmadd_ps(f, _mm256_loadu_ps(pc + unit), _mm256_mul_ps(i, g)));
    }
}

/// h = o·tanh c for `tiles` (a constant after inlining) 8-unit tiles of one row from `unit` on.
AVX2 static inline __attribute__((always_inline)) void hidden_state_tiles(
    int tiles, int unit, int hp, const float *z, const float *c, float *t, float *h) {
    __m256 v[4];
    for (int k = 0; k < tiles; k++) {
        v[k] = _mm256_mul_ps(_mm256_loadu_ps(c + unit + 8 * k), _mm256_set1_ps(MINUS_2LOG2E));
    }
    activate_group(tiles, v, 1);
    for (int k = 0; k < tiles; k++) {
        const int at = unit + 8 * k;
        _mm256_storeu_ps(t + at, v[k]);
        _mm256_storeu_ps(h + at, _mm256_mul_ps(_mm256_loadu_ps(z + 3 * hp + at), v[k]));
    }
}

/// h = o·tanh c for one row's cell states, four tiles (chains) at a time.
AVX2 static void hidden_state_row(int hp, const float *z, const float *c, float *t, float *h) {
    int unit = 0;
    for (; unit + 32 <= hp; unit += 32) hidden_state_tiles(4, unit, hp, z, c, t, h);
    for (; unit < hp; unit += 8) hidden_state_tiles(1, unit, hp, z, c, t, h);
}

AVX2 void foresite_lstm_forward_step_avx2(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs, const float *kernel,
    const float *recurrent, const float *bias, const float *previous_hidden, const float *previous_cell,
    float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    const int hp = hidden_padded, width = 4 * hidden_padded;
    // Each pair's activations right after its products, while the pre-activations are in L1; the cell
    // states' tanh for every row after that.
    int row = 0;
    for (; row + 2 <= rows; row += 2) {
        preactivations_for_pair(
            features, recurrent_rows, hp, inputs + row * features, inputs + (row + 1) * features, kernel,
            recurrent, bias, previous_hidden + row * hp, previous_hidden + (row + 1) * hp, gates + row * width,
            gates + (row + 1) * width);
        for (int r = row; r < row + 2; r++) {
            activate_row(hp, gates + r * width, previous_cell + r * hp, cell + r * hp);
        }
    }
    if (row < rows) {
        preactivations_for_row(
            features, recurrent_rows, hp, inputs + row * features, kernel, recurrent, bias,
            previous_hidden + row * hp, gates + row * width);
        activate_row(hp, gates + row * width, previous_cell + row * hp, cell + row * hp);
    }
    for (row = 0; row < rows; row++) {
        hidden_state_row(hp, gates + row * width, cell + row * hp, cell_tanh + row * hp, hidden_state + row * hp);
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

/// dL/dh₋₁ = dz·Uᵀ for two rows (which may be the same row), 32 units at a time, then any remaining
/// 8-unit tile. Padding columns of dz are zero and skipped.
AVX2 static void hidden_gradient_for_pair(
    int hidden, int hp, const float *ut, const float *dz0, const float *dz1, float *dh0, float *dh1) {
    int col = 0;
    for (; col + 32 <= hp; col += 32) {
        __m256 acc[8];
        for (int t = 0; t < 8; t++) acc[t] = _mm256_setzero_ps();
        for (int block = 0; block < 4; block++) {
            const int j = block * hp;
            accumulate_pair(hidden, dz0 + j, dz1 + j, 1, ut + j * hp + col, hp, acc);
        }
        for (int t = 0; t < 4; t++) {
            _mm256_storeu_ps(dh0 + col + 8 * t, acc[t]);
            _mm256_storeu_ps(dh1 + col + 8 * t, acc[t + 4]);
        }
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
        // An odd last row is paired with itself (same inputs, same stores; rare in training, where only
        // a last partial batch can be odd, so it gets no one-row variant).
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

/// acc[2q + t] += a[r, k + q]·dz[r, col + 8t ..< col + 8t + 8] for q < 5, t < 2, r < rows: five rows of c
/// per load of dz, with ten accumulators (`accumulate_pair`'s eight, at two FMAs a cycle, barely cover
/// the FMA latency; the weight gradients 9 % faster). The same summation order.
AVX2 static inline __attribute__((always_inline)) void accumulate_five(
    int rows, const float *a, int a_stride, const float *dz, int width, __m256 acc[10]) {
    for (int r = 0; r < rows; r++) {
        const __m256 d0 = _mm256_loadu_ps(dz + r * width), d1 = _mm256_loadu_ps(dz + r * width + 8);
        for (int q = 0; q < 5; q++) {
            const __m256 x = _mm256_broadcast_ss(a + r * a_stride + q);
            acc[2 * q] = _mm256_fmadd_ps(x, d0, acc[2 * q]);
            acc[2 * q + 1] = _mm256_fmadd_ps(x, d1, acc[2 * q + 1]);
        }
    }
}

/// c[k, ·] += Σ_r a[r, k]·dz[r, ·] for k < m: one step's share of a weight gradient, five rows of c per
/// pass over the rows of dz, then two (which may be the same row).
AVX2 static void transposed_product_accumulate(
    int m, int rows, const float *a, int a_stride, const float *dz, int width, float *c) {
    int k = 0;
    for (; k + 5 <= m; k += 5) {
        for (int col = 0; col < width; col += 16) {
            __m256 acc[10];
            for (int q = 0; q < 5; q++) {
                for (int t = 0; t < 2; t++) acc[2 * q + t] = _mm256_loadu_ps(c + (k + q) * width + col + 8 * t);
            }
            accumulate_five(rows, a + k, a_stride, dz + col, width, acc);
            for (int q = 0; q < 5; q++) {
                for (int t = 0; t < 2; t++) _mm256_storeu_ps(c + (k + q) * width + col + 8 * t, acc[2 * q + t]);
            }
        }
    }
    for (; k < m; k += 2) {
        const int other = k + 1 < m ? k + 1 : k;
        for (int col = 0; col < width; col += 32) {
            __m256 acc[8];
            for (int t = 0; t < 4; t++) {
                acc[t] = _mm256_loadu_ps(c + k * width + col + 8 * t);
                acc[t + 4] = _mm256_loadu_ps(c + other * width + col + 8 * t);
            }
            accumulate_pair(rows, a + k, a + other, a_stride, dz + col, width, acc);
            for (int t = 0; t < 4; t++) {
                _mm256_storeu_ps(c + k * width + col + 8 * t, acc[t]);
                _mm256_storeu_ps(c + other * width + col + 8 * t, acc[t + 4]);
            }
        }
    }
}

AVX2 void foresite_lstm_weight_gradients_avx2(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    const int width = 4 * hidden_padded;
    transposed_product_accumulate(features, rows, inputs, features, gate_gradients, width, kernel_gradient);
    transposed_product_accumulate(
        recurrent_rows, rows, previous_hidden, hidden_padded, gate_gradients, width, recurrent_gradient);
    for (int col = 0; col < width; col += 8) {
        __m256 sum = _mm256_loadu_ps(bias_gradient + col);
        for (int r = 0; r < rows; r++) sum = _mm256_add_ps(sum, _mm256_loadu_ps(gate_gradients + r * width + col));
        _mm256_storeu_ps(bias_gradient + col, sum);
    }
}

#else

int foresite_lstm_avx2_supported(void) { return 0; }

void foresite_lstm_forward_step_avx2(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs, const float *kernel,
    const float *recurrent, const float *bias, const float *previous_hidden, const float *previous_cell,
    float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    foresite_lstm_forward_step_scalar(
        rows, features, recurrent_rows, hidden_padded, inputs, kernel, recurrent, bias, previous_hidden,
        previous_cell, gates, cell, cell_tanh, hidden_state);
}

void foresite_lstm_backward_step_avx2(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    foresite_lstm_backward_step_scalar(
        rows, hidden, hidden_padded, recurrent_transposed, gates, previous_cell, cell_tanh, hidden_gradient,
        cell_gradient, gate_gradients, propagate);
}

void foresite_lstm_weight_gradients_avx2(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    foresite_lstm_weight_gradients_scalar(
        rows, features, recurrent_rows, hidden_padded, inputs, previous_hidden, gate_gradients, kernel_gradient,
        recurrent_gradient, bias_gradient);
}

#endif
