// The AVX-512 implementation of CLSTMKernels.h (forward step, backward step, weight gradients). Compiled
// for every x86-64 CPU (the functions carry their own target attribute), called only where
// `foresite_lstm_avx512_supported` says the CPU has the instructions.
//
// Why a third version when AVX-512 on Zen 4 runs as two 256-bit halves (the same FMA peak as AVX2): the
// activations, not the products, held the AVX2 forward step at half the peak. Each activation is a chain
// of some fifteen dependent operations, and the scheduler only holds a few chains at a time, so they run
// at about one operation per cycle whatever the pipes could do. Sixteen lanes per operation instead of
// eight halve that time; the 32 registers keep a pair of rows' 16 gate vectors in registers from the
// products through the activations (no store and reload of the pre-activations) and let eight chains
// interleave; `vscalefps` replaces the exponent arithmetic (the same exact scaling). The division stays:
// it runs on its own unit beside the FMA pipes, where `vrcp14ps` and a Newton step took three of their
// operations per vector (the forward step 3 % slower). Same operations as the AVX2 version, in the same
// order, so the two give the same bits.
#include "CLSTMKernels.h"
#include "Activations.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx2,fma")))
#define INLINE static inline __attribute__((always_inline))

int foresite_lstm_avx512_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// v[k] ← σ(v[k]), or tanh(v[k]) where bit k of `tanh_mask` is set, for k < n (Activations.h); with
/// `exponents`, v[k] is already the exponent y (−x·log₂e or −2x·log₂e, as the padded weights deliver
/// the gates' pre-activations). One operation of all n chains after another, so that the scheduler sees
/// n independent chains. 2^y is clamped above at 2^100 (below, `vscalefps` rounds to 0 and σ, tanh are
/// exactly 1 anyway).
AVX512 INLINE void activate16(int n, __m512 *v, unsigned tanh_mask, int exponents) {
    __m512 y[16], whole[16], p[16];
    for (int k = 0; k < n; k++) {
        const float scale = (tanh_mask >> k) & 1 ? MINUS_2LOG2E : MINUS_LOG2E;
        y[k] = _mm512_min_ps(exponents ? v[k] : _mm512_mul_ps(v[k], _mm512_set1_ps(scale)), _mm512_set1_ps(EXP2_LIMIT));
    }
    for (int k = 0; k < n; k++) whole[k] = _mm512_roundscale_ps(y[k], _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    for (int k = 0; k < n; k++) y[k] = _mm512_sub_ps(y[k], whole[k]);
    for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(_mm512_set1_ps(EXP2_C5), y[k], _mm512_set1_ps(EXP2_C4));
    for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(EXP2_C3));
    for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(EXP2_C2));
    for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(EXP2_C1));
    for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(1.0f));
    for (int k = 0; k < n; k++) p[k] = _mm512_scalef_ps(p[k], whole[k]);
    const __m512 one = _mm512_set1_ps(1.0f);
    for (int k = 0; k < n; k++) {
        v[k] = _mm512_div_ps((tanh_mask >> k) & 1 ? _mm512_sub_ps(one, p[k]) : one, _mm512_add_ps(one, p[k]));
    }
}

/// Two rows (which may be the same row) and `chunks` × 16 units from `unit` on: the four gates'
/// pre-activations b + x·W + h₋₁·U in registers, their activations and the cell state c = f·c₋₁ + i·c̃,
/// stored (h = o·tanh c follows for the whole step in `hidden_states`).
/// `chunks` is 1 or 2, a constant after inlining (2 × 4 gates × 2 rows = 16 accumulators).
AVX512 INLINE void forward_pair(
    int chunks, int unit, int features, int recurrent_rows, int hp, const float *x0, const float *x1,
    const float *kernel, const float *recurrent, const float *bias, const float *h0, const float *h1,
    const float *pc0, const float *pc1, float *z0, float *z1, float *c0, float *c1) {
    const int width = 4 * hp;
    // acc[gate · 2·chunks + row · chunks + chunk]
    __m512 acc[16];
    for (int gate = 0; gate < 4; gate++) {
        for (int chunk = 0; chunk < chunks; chunk++) {
            const __m512 b = _mm512_loadu_ps(bias + gate * hp + unit + 16 * chunk);
            acc[gate * 2 * chunks + chunk] = b;
            acc[gate * 2 * chunks + chunks + chunk] = b;
        }
    }
    for (int pass = 0; pass < 2; pass++) {
        const int count = pass == 0 ? features : recurrent_rows;
        const float *a0 = pass == 0 ? x0 : h0, *a1 = pass == 0 ? x1 : h1;
        const float *m = (pass == 0 ? kernel : recurrent) + unit;
        for (int k = 0; k < count; k++) {
            const __m512 s0 = _mm512_set1_ps(a0[k]), s1 = _mm512_set1_ps(a1[k]);
            const float *row = m + k * width;
            for (int gate = 0; gate < 4; gate++) {
                for (int chunk = 0; chunk < chunks; chunk++) {
                    const __m512 w = _mm512_loadu_ps(row + gate * hp + 16 * chunk);
                    const int index = gate * 2 * chunks + chunk;
                    acc[index] = _mm512_fmadd_ps(s0, w, acc[index]);
                    acc[index + chunks] = _mm512_fmadd_ps(s1, w, acc[index + chunks]);
                }
            }
        }
    }
    // i and f (the first 2·2·chunks accumulators), then c̃, then o.
    activate16(4 * chunks, acc, 0, 1);
    activate16(4 * chunks, acc + 4 * chunks, chunks == 2 ? 0xFu : 0x3u, 1);
    float *z[2] = {z0, z1}, *c[2] = {c0, c1};
    const float *pc[2] = {pc0, pc1};
    for (int row = 0; row < 2; row++) {
        for (int chunk = 0; chunk < chunks; chunk++) {
            const int at = unit + 16 * chunk, index = row * chunks + chunk;
            for (int gate = 0; gate < 4; gate++) {
                _mm512_storeu_ps(z[row] + gate * hp + at, acc[gate * 2 * chunks + index]);
            }
            _mm512_storeu_ps(
                c[row] + at, _mm512_fmadd_ps(
                                 acc[2 * chunks + index], _mm512_loadu_ps(pc[row] + at),
                                 _mm512_mul_ps(acc[index], acc[4 * chunks + index])));
        }
    }
}

/// h = o·tanh c for `count` · 16 consecutive values of the step's cell states (`count` a constant after
/// inlining: that many independent tanh chains interleaved); `o` is each value's output gate.
AVX512 INLINE void hidden_states(
    int count, int hp, const float *gates, const float *cell, float *cell_tanh, float *hidden_state, int first) {
    __m512 t[8];
    const int width = 4 * hp;
    for (int k = 0; k < count; k++) t[k] = _mm512_loadu_ps(cell + first + 16 * k);
    activate16(count, t, 0xFFu, 0);
    for (int k = 0; k < count; k++) {
        const int at = first + 16 * k, row = at / hp, unit = at % hp;
        _mm512_storeu_ps(cell_tanh + at, t[k]);
        _mm512_storeu_ps(hidden_state + at, _mm512_mul_ps(_mm512_loadu_ps(gates + row * width + 3 * hp + unit), t[k]));
    }
}

AVX512 void foresite_lstm_forward_step_avx512(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs, const float *kernel,
    const float *recurrent, const float *bias, const float *previous_hidden, const float *previous_cell,
    float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    const int hp = hidden_padded, width = 4 * hidden_padded;
    if (hp % 16 != 0) {
        foresite_lstm_forward_step_avx2(
            rows, features, recurrent_rows, hidden_padded, inputs, kernel, recurrent, bias, previous_hidden,
            previous_cell, gates, cell, cell_tanh, hidden_state);
        return;
    }
    for (int row = 0; row < rows; row += 2) {
        // An odd last row is paired with itself (same inputs, same stores).
        const int other = row + 1 < rows ? row + 1 : row;
        const float *x0 = inputs + row * features, *x1 = inputs + other * features;
        const float *h0 = previous_hidden + row * hp, *h1 = previous_hidden + other * hp;
        const float *pc0 = previous_cell + row * hp, *pc1 = previous_cell + other * hp;
        float *z0 = gates + row * width, *z1 = gates + other * width;
        float *c0 = cell + row * hp, *c1 = cell + other * hp;
        int unit = 0;
        for (; unit + 32 <= hp; unit += 32) {
            forward_pair(
                2, unit, features, recurrent_rows, hp, x0, x1, kernel, recurrent, bias, h0, h1, pc0, pc1, z0, z1,
                c0, c1);
        }
        if (unit < hp) {
            forward_pair(
                1, unit, features, recurrent_rows, hp, x0, x1, kernel, recurrent, bias, h0, h1, pc0, pc1, z0, z1,
                c0, c1);
        }
    }
    // The cell states' tanh for all rows at once, eight independent chains at a time (per pair there
    // were only four, and they waited on each other's latency).
    const int values = rows * hp;
    int first = 0;
    for (; first + 128 <= values; first += 128) hidden_states(8, hp, gates, cell, cell_tanh, hidden_state, first);
    for (; first < values; first += 16) hidden_states(1, hp, gates, cell, cell_tanh, hidden_state, first);
}

/// dL/dz of the four gates for one row and dL/dc₋₁ in place of dL/dc: the AVX2 version's operations,
/// sixteen units at a time.
AVX512 INLINE void gate_gradients_for_row(
    int hp, const float *z, const float *pc, const float *t, const float *dh, float *dc, float *dz) {
    const __m512 one = _mm512_set1_ps(1.0f);
    for (int unit = 0; unit < hp; unit += 16) {
        const __m512 i = _mm512_loadu_ps(z + unit), f = _mm512_loadu_ps(z + hp + unit);
        const __m512 g = _mm512_loadu_ps(z + 2 * hp + unit), o = _mm512_loadu_ps(z + 3 * hp + unit);
        const __m512 tanh = _mm512_loadu_ps(t + unit), dhu = _mm512_loadu_ps(dh + unit);
        const __m512 dcu = _mm512_fmadd_ps(
            _mm512_mul_ps(dhu, o), _mm512_fnmadd_ps(tanh, tanh, one), _mm512_loadu_ps(dc + unit));
        const __m512 di = _mm512_mul_ps(_mm512_mul_ps(dcu, g), _mm512_mul_ps(i, _mm512_sub_ps(one, i)));
        const __m512 df = _mm512_mul_ps(
            _mm512_mul_ps(dcu, _mm512_loadu_ps(pc + unit)), _mm512_mul_ps(f, _mm512_sub_ps(one, f)));
        const __m512 dg = _mm512_mul_ps(_mm512_mul_ps(dcu, i), _mm512_fnmadd_ps(g, g, one));
        const __m512 d_o = _mm512_mul_ps(_mm512_mul_ps(dhu, tanh), _mm512_mul_ps(o, _mm512_sub_ps(one, o)));
        _mm512_storeu_ps(dz + unit, di);
        _mm512_storeu_ps(dz + hp + unit, df);
        _mm512_storeu_ps(dz + 2 * hp + unit, dg);
        _mm512_storeu_ps(dz + 3 * hp + unit, d_o);
        _mm512_storeu_ps(dc + unit, _mm512_mul_ps(dcu, f));
    }
}

/// dL/dh₋₁ = dz·Uᵀ for `count` consecutive rows (a constant after inlining) and 32 units from `unit`
/// on: 2·count accumulators, each row of Uᵀ loaded once for all rows. Same summation order as AVX2
/// (block by block, the real units of each).
AVX512 INLINE void hidden_gradient_rows(
    int count, int unit, int hidden, int hp, const float *ut, const float *dz, float *dh) {
    const int width = 4 * hp;
    __m512 acc[16];
    for (int k = 0; k < 2 * count; k++) acc[k] = _mm512_setzero_ps();
    for (int block = 0; block < 4; block++) {
        for (int j = block * hp; j < block * hp + hidden; j++) {
            const __m512 u0 = _mm512_loadu_ps(ut + j * hp + unit), u1 = _mm512_loadu_ps(ut + j * hp + unit + 16);
            for (int r = 0; r < count; r++) {
                const __m512 d = _mm512_set1_ps(dz[r * width + j]);
                acc[2 * r] = _mm512_fmadd_ps(d, u0, acc[2 * r]);
                acc[2 * r + 1] = _mm512_fmadd_ps(d, u1, acc[2 * r + 1]);
            }
        }
    }
    for (int r = 0; r < count; r++) {
        _mm512_storeu_ps(dh + r * hp + unit, acc[2 * r]);
        _mm512_storeu_ps(dh + r * hp + unit + 16, acc[2 * r + 1]);
    }
}

/// The 16-unit variant for a padded hidden size that is an odd multiple of 16.
AVX512 INLINE void hidden_gradient_rows16(
    int count, int unit, int hidden, int hp, const float *ut, const float *dz, float *dh) {
    const int width = 4 * hp;
    __m512 acc[8];
    for (int k = 0; k < count; k++) acc[k] = _mm512_setzero_ps();
    for (int block = 0; block < 4; block++) {
        for (int j = block * hp; j < block * hp + hidden; j++) {
            const __m512 u = _mm512_loadu_ps(ut + j * hp + unit);
            for (int r = 0; r < count; r++) acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(dz[r * width + j]), u, acc[r]);
        }
    }
    for (int r = 0; r < count; r++) _mm512_storeu_ps(dh + r * hp + unit, acc[r]);
}

AVX512 INLINE void backward_rows(
    int count, int hidden, int hp, const float *ut, const float *gates, const float *previous_cell,
    const float *cell_tanh, float *hidden_gradient, float *cell_gradient, float *gate_gradients, int propagate) {
    const int width = 4 * hp;
    // Every row's dL/dh is consumed here before the rows' dL/dh₋₁ overwrite them.
    for (int r = 0; r < count; r++) {
        gate_gradients_for_row(
            hp, gates + r * width, previous_cell + r * hp, cell_tanh + r * hp, hidden_gradient + r * hp,
            cell_gradient + r * hp, gate_gradients + r * width);
    }
    if (!propagate) return;
    int unit = 0;
    for (; unit + 32 <= hp; unit += 32) {
        hidden_gradient_rows(count, unit, hidden, hp, ut, gate_gradients, hidden_gradient);
    }
    if (unit < hp) hidden_gradient_rows16(count, unit, hidden, hp, ut, gate_gradients, hidden_gradient);
}

AVX512 void foresite_lstm_backward_step_avx512(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    const int hp = hidden_padded, width = 4 * hidden_padded;
    if (hp % 16 != 0) {
        foresite_lstm_backward_step_avx2(
            rows, hidden, hidden_padded, recurrent_transposed, gates, previous_cell, cell_tanh, hidden_gradient,
            cell_gradient, gate_gradients, propagate);
        return;
    }
    // Eight rows at a time (16 accumulators for 32 units), then one at a time.
    int row = 0;
    for (; row + 8 <= rows; row += 8) {
        backward_rows(
            8, hidden, hp, recurrent_transposed, gates + row * width, previous_cell + row * hp, cell_tanh + row * hp,
            hidden_gradient + row * hp, cell_gradient + row * hp, gate_gradients + row * width, propagate);
    }
    for (; row < rows; row++) {
        backward_rows(
            1, hidden, hp, recurrent_transposed, gates + row * width, previous_cell + row * hp, cell_tanh + row * hp,
            hidden_gradient + row * hp, cell_gradient + row * hp, gate_gradients + row * width, propagate);
    }
}

/// c[k, col ..< col + 16·tiles] (and the same of row `other`) += Σ_r a[r, k]·dz[r, ·]: `tiles` is a
/// constant after inlining (2·tiles ≤ 16 accumulators). The AVX2 version's summation order.
AVX512 INLINE void transposed_product_tiles(
    int tiles, int k, int other, int col, int rows, const float *a, int a_stride, const float *dz, int width,
    float *c) {
    __m512 acc[16];
    for (int t = 0; t < tiles; t++) {
        acc[t] = _mm512_loadu_ps(c + k * width + col + 16 * t);
        acc[t + tiles] = _mm512_loadu_ps(c + other * width + col + 16 * t);
    }
    for (int r = 0; r < rows; r++) {
        const __m512 x0 = _mm512_set1_ps(a[r * a_stride + k]), x1 = _mm512_set1_ps(a[r * a_stride + other]);
        for (int t = 0; t < tiles; t++) {
            const __m512 d = _mm512_loadu_ps(dz + r * width + col + 16 * t);
            acc[t] = _mm512_fmadd_ps(x0, d, acc[t]);
            acc[t + tiles] = _mm512_fmadd_ps(x1, d, acc[t + tiles]);
        }
    }
    for (int t = 0; t < tiles; t++) {
        _mm512_storeu_ps(c + k * width + col + 16 * t, acc[t]);
        _mm512_storeu_ps(c + other * width + col + 16 * t, acc[t + tiles]);
    }
}

/// c[k + q, col ..< col + 64] += Σ_r a[r, k + q]·dz[r, ·] for q < 4: each load of dz serves four rows of
/// c, where `transposed_product_tiles` serves two (half the loads per FMA: the weight gradients 3–4 %
/// faster). The same summation order.
AVX512 INLINE void transposed_product_quad(
    int k, int col, int rows, const float *a, int a_stride, const float *dz, int width, float *c) {
    __m512 acc[16];
    for (int q = 0; q < 4; q++) {
        for (int t = 0; t < 4; t++) acc[4 * q + t] = _mm512_loadu_ps(c + (k + q) * width + col + 16 * t);
    }
    for (int r = 0; r < rows; r++) {
        __m512 d[4];
        for (int t = 0; t < 4; t++) d[t] = _mm512_loadu_ps(dz + r * width + col + 16 * t);
        for (int q = 0; q < 4; q++) {
            const __m512 x = _mm512_set1_ps(a[r * a_stride + k + q]);
            for (int t = 0; t < 4; t++) acc[4 * q + t] = _mm512_fmadd_ps(x, d[t], acc[4 * q + t]);
        }
    }
    for (int q = 0; q < 4; q++) {
        for (int t = 0; t < 4; t++) _mm512_storeu_ps(c + (k + q) * width + col + 16 * t, acc[4 * q + t]);
    }
}

AVX512 static void transposed_product_accumulate(
    int m, int rows, const float *a, int a_stride, const float *dz, int width, float *c) {
    int k = 0;
    for (; k + 4 <= m; k += 4) {
        int col = 0;
        for (; col + 64 <= width; col += 64) transposed_product_quad(k, col, rows, a, a_stride, dz, width, c);
        // width is a multiple of 32: at most 32 columns are left.
        if (col < width) {
            transposed_product_tiles(2, k, k + 1, col, rows, a, a_stride, dz, width, c);
            transposed_product_tiles(2, k + 2, k + 3, col, rows, a, a_stride, dz, width, c);
        }
    }
    for (; k < m; k += 2) {
        const int other = k + 1 < m ? k + 1 : k;
        int col = 0;
        for (; col + 128 <= width; col += 128) transposed_product_tiles(8, k, other, col, rows, a, a_stride, dz, width, c);
        // width is a multiple of 32: what is left is 32, 64 or 96 columns.
        switch (width - col) {
        case 96: transposed_product_tiles(6, k, other, col, rows, a, a_stride, dz, width, c); break;
        case 64: transposed_product_tiles(4, k, other, col, rows, a, a_stride, dz, width, c); break;
        case 32: transposed_product_tiles(2, k, other, col, rows, a, a_stride, dz, width, c); break;
        default: break;
        }
    }
}

AVX512 void foresite_lstm_weight_gradients_avx512(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    const int width = 4 * hidden_padded;
    transposed_product_accumulate(features, rows, inputs, features, gate_gradients, width, kernel_gradient);
    transposed_product_accumulate(
        recurrent_rows, rows, previous_hidden, hidden_padded, gate_gradients, width, recurrent_gradient);
    for (int col = 0; col < width; col += 16) {
        __m512 sum = _mm512_loadu_ps(bias_gradient + col);
        for (int r = 0; r < rows; r++) sum = _mm512_add_ps(sum, _mm512_loadu_ps(gate_gradients + r * width + col));
        _mm512_storeu_ps(bias_gradient + col, sum);
    }
}

#else

int foresite_lstm_avx512_supported(void) { return 0; }

void foresite_lstm_backward_step_avx512(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    foresite_lstm_backward_step_scalar(
        rows, hidden, hidden_padded, recurrent_transposed, gates, previous_cell, cell_tanh, hidden_gradient,
        cell_gradient, gate_gradients, propagate);
}

void foresite_lstm_weight_gradients_avx512(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    foresite_lstm_weight_gradients_scalar(
        rows, features, recurrent_rows, hidden_padded, inputs, previous_hidden, gate_gradients, kernel_gradient,
        recurrent_gradient, bias_gradient);
}

void foresite_lstm_forward_step_avx512(
    int rows, int features, int recurrent_rows, int hidden_padded, const float *inputs, const float *kernel,
    const float *recurrent, const float *bias, const float *previous_hidden, const float *previous_cell,
    float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    foresite_lstm_forward_step_scalar(
        rows, features, recurrent_rows, hidden_padded, inputs, kernel, recurrent, bias, previous_hidden,
        previous_cell, gates, cell, cell_tanh, hidden_state);
}

#endif
