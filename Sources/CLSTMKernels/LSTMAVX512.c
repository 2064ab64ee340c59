// The AVX-512 implementation of CLSTMKernels.h (forward step, backward step, weight gradients). Compiled
// for every x86-64 CPU (the functions carry their own target attribute), called only where
// `foresite_lstm_avx512_supported` says the CPU has the instructions.
//
// Why a third version when AVX-512 on Zen 4 runs as two 256-bit halves (the same FMA peak as AVX2): the
// activations, not the products, held the AVX2 forward step at half the peak. Each activation is a chain
// of some fifteen dependent operations, and the scheduler only holds a few chains at a time, so they run
// at about one operation per cycle whatever the pipes could do. Sixteen lanes per operation instead of
// eight halve that time; the 32 registers keep a pair of rows' gate vectors (2 × 7.5 for 30 units) in
// registers from the products through the activations (no store and reload of the pre-activations) and
// let eight or more chains interleave; `vscalefps` replaces the exponent arithmetic (the same exact scaling). The division stays:
// it runs on its own unit beside the FMA pipes, where `vrcp14ps` and a Newton step took three of their
// operations per vector (the forward step 3 % slower). Same operations as the AVX2 version, in the same
// order, so the two give the same bits.
#include "CLSTMKernels.h"
#include "Activations.h"

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX512 __attribute__((target("avx512f,avx2,fma")))
#define INLINE static inline __attribute__((always_inline))
// Every loop over a register array unrolled, so that the array stays in registers.
#define UNROLL _Pragma("clang loop unroll(full)")

int foresite_lstm_avx512_supported(void) {
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma");
}

/// *p in every lane of a YMM, broadcast from memory: a load, where the compiler would otherwise derive it
/// from the ZMM broadcast of the same value with a shuffle (on an FMA pipe, once per product row).
AVX512 INLINE __m256 broadcast8(const float *p) {
    __m256 r;
    __asm__("vbroadcastss %1, %0" : "=v"(r) : "m"(*p));
    return r;
}

/// Bits lo ..< hi of a `lanes`-bit mask, relative to `first` (lanes first + b with lo ≤ first + b < hi).
INLINE unsigned lane_range(int first, int lanes, int lo, int hi) {
    const int from = lo - first < 0 ? 0 : (lo - first > lanes ? lanes : lo - first);
    const int to = hi - first < 0 ? 0 : (hi - first > lanes ? lanes : hi - first);
    return (unsigned)(((1ull << to) - 1) & ~((1ull << from) - 1));
}

/// v[k] ← σ(v[k]), or tanh(v[k]) in the lanes set in `tanh_lanes[k]`, for k < n (Activations.h); with
/// `exponents`, v[k] is already the exponent y (−x·log₂e or −2x·log₂e, as the padded weights deliver
/// the gates' pre-activations), else v[k] is a cell state and every lane takes tanh. One operation of
/// all n chains after another, so that the scheduler sees n independent chains. 2^y is clamped above
/// at 2^100 (below, `vscalefps` rounds to 0 and σ, tanh are exactly 1 anyway).
AVX512 INLINE void activate16(int n, __m512 *v, const __mmask16 *tanh_lanes, int exponents) {
    __m512 y[16], whole[16], p[16];
    UNROLL for (int k = 0; k < n; k++) {
        y[k] = _mm512_min_ps(
            exponents ? v[k] : _mm512_mul_ps(v[k], _mm512_set1_ps(MINUS_2LOG2E)), _mm512_set1_ps(EXP2_LIMIT));
    }
    UNROLL for (int k = 0; k < n; k++) whole[k] = _mm512_roundscale_ps(y[k], _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    UNROLL for (int k = 0; k < n; k++) y[k] = _mm512_sub_ps(y[k], whole[k]);
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(_mm512_set1_ps(EXP2_C5), y[k], _mm512_set1_ps(EXP2_C4));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(EXP2_C3));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(EXP2_C2));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(EXP2_C1));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm512_fmadd_ps(p[k], y[k], _mm512_set1_ps(1.0f));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm512_scalef_ps(p[k], whole[k]);
    const __m512 one = _mm512_set1_ps(1.0f);
    UNROLL for (int k = 0; k < n; k++) {
        v[k] = _mm512_div_ps(_mm512_mask_sub_ps(one, tanh_lanes[k], one, p[k]), _mm512_add_ps(one, p[k]));
    }
}

/// Two rows (which may be the same row), gate columns col ..< col + 16·`nz` + 8·`tail`: the pre-activations
/// b + x·W + h₋₁·U in `nz` ZMM accumulators per row and, with `tail`, one YMM (Zen 4 runs a YMM FMA
/// at half a ZMM's cost, so a 120-column gate row takes 7.5 ZMM of work, not 8), then their activations
/// (the two rows' YMM tails joined into one ZMM), stored. `nz` ≤ 8 and `tail` are constants after inlining.
AVX512 INLINE void forward_pair(
    int nz, int tail, int col, int hidden, int features, int recurrent_rows, int width, const float *x0,
    const float *x1, const float *kernel, const float *recurrent, const float *bias, const float *h0,
    const float *h1, float *z0, float *z1) {
    // acc[row · nz + v]
    __m512 acc[16];
    __m256 t0 = _mm256_setzero_ps(), t1 = t0;
    UNROLL for (int v = 0; v < nz; v++) acc[v] = acc[nz + v] = _mm512_loadu_ps(bias + col + 16 * v);
    if (tail) t0 = t1 = _mm256_loadu_ps(bias + col + 16 * nz);
    for (int pass = 0; pass < 2; pass++) {
        const int count = pass == 0 ? features : recurrent_rows;
        const float *a0 = pass == 0 ? x0 : h0, *a1 = pass == 0 ? x1 : h1;
        const float *m = (pass == 0 ? kernel : recurrent) + col;
        for (int k = 0; k < count; k++) {
            const __m512 s0 = _mm512_set1_ps(a0[k]), s1 = _mm512_set1_ps(a1[k]);
            const float *row = m + k * width;
            UNROLL for (int v = 0; v < nz; v++) {
                const __m512 w = _mm512_loadu_ps(row + 16 * v);
                acc[v] = _mm512_fmadd_ps(s0, w, acc[v]);
                acc[nz + v] = _mm512_fmadd_ps(s1, w, acc[nz + v]);
            }
            if (tail) {
                const __m256 w = _mm256_loadu_ps(row + 16 * nz);
                t0 = _mm256_fmadd_ps(broadcast8(a0 + k), w, t0);
                t1 = _mm256_fmadd_ps(broadcast8(a1 + k), w, t1);
            }
        }
    }
    __mmask16 lanes[16];
    const int n = 2 * nz + tail;
    UNROLL for (int v = 0; v < nz; v++) lanes[v] = lanes[nz + v] = (__mmask16)lane_range(col + 16 * v, 16, 2 * hidden, 3 * hidden);
    if (tail) {
        const unsigned half = lane_range(col + 16 * nz, 8, 2 * hidden, 3 * hidden);
        lanes[2 * nz] = (__mmask16)(half | half << 8);
        acc[2 * nz] = _mm512_castpd_ps(
            _mm512_insertf64x4(_mm512_castps_pd(_mm512_castps256_ps512(t0)), _mm256_castps_pd(t1), 1));
    }
    activate16(n, acc, lanes, 1);
    UNROLL for (int v = 0; v < nz; v++) {
        _mm512_storeu_ps(z0 + col + 16 * v, acc[v]);
        _mm512_storeu_ps(z1 + col + 16 * v, acc[nz + v]);
    }
    if (tail) {
        _mm256_storeu_ps(z0 + col + 16 * nz, _mm512_castps512_ps256(acc[2 * nz]));
        _mm256_storeu_ps(z1 + col + 16 * nz, _mm256_castpd_ps(_mm512_extractf64x4_pd(_mm512_castps_pd(acc[2 * nz]), 1)));
    }
}

/// The lanes of units unit ..< unit + 16 that are real (below `hidden`).
INLINE __mmask16 unit_lanes(int unit, int hidden) { return (__mmask16)lane_range(unit, 16, 0, hidden); }

/// c = f·c₋₁ + i·c̃, tanh c and h = o·tanh c for `count` · 16 consecutive values of the step's states
/// from row `row`, unit `unit` on (`count` a constant after inlining: that many independent tanh chains
/// interleaved). The gates of a row's units are read from their blocks at 0, H, 2H, 3H, padding units
/// as zero, so c = h = 0 there. Rows and units are counted, not divided out of the offset (two integer
/// divisions per vector cost a third of this loop).
AVX512 INLINE void cell_states(
    int count, int row, int unit, int hidden, int hp, int width, const float *gates, const float *previous_cell,
    float *cell, float *cell_tanh, float *hidden_state) {
    __m512 t[8];
    __mmask16 all[8], real[8];
    const float *z[8];
    int at[8];
    UNROLL for (int k = 0; k < count; k++) {
        at[k] = row * hp + unit;
        z[k] = gates + row * width + unit;
        real[k] = unit_lanes(unit, hidden);
        all[k] = 0xFFFF;
        unit += 16;
        if (unit == hp) {
            unit = 0;
            row++;
        }
    }
    UNROLL for (int k = 0; k < count; k++) {
        const __m512 i = _mm512_maskz_loadu_ps(real[k], z[k]), f = _mm512_maskz_loadu_ps(real[k], z[k] + hidden);
        const __m512 g = _mm512_maskz_loadu_ps(real[k], z[k] + 2 * hidden);
        t[k] = _mm512_fmadd_ps(f, _mm512_loadu_ps(previous_cell + at[k]), _mm512_mul_ps(i, g));
        _mm512_storeu_ps(cell + at[k], t[k]);
    }
    activate16(count, t, all, 0);
    UNROLL for (int k = 0; k < count; k++) {
        const __m512 o = _mm512_maskz_loadu_ps(real[k], z[k] + 3 * hidden);
        _mm512_storeu_ps(cell_tanh + at[k], t[k]);
        _mm512_storeu_ps(hidden_state + at[k], _mm512_mul_ps(o, t[k]));
    }
}

// One function per column count (a 15-case switch of inlined copies made one function too large for
// the compiler to keep the activations' arrays in registers).
#define FORWARD_PAIR_FUNCTION(nz, tail)                                                                         \
    AVX512 __attribute__((noinline)) static void forward_pair_##nz##_##tail(                                   \
        int col, int hidden, int features, int recurrent_rows, int width, const float *x0, const float *x1,     \
        const float *kernel, const float *recurrent, const float *bias, const float *h0, const float *h1,       \
        float *z0, float *z1) {                                                                                 \
        forward_pair(                                                                                           \
            nz, tail, col, hidden, features, recurrent_rows, width, x0, x1, kernel, recurrent, bias, h0, h1, z0, \
            z1);                                                                                                \
    }
FORWARD_PAIR_FUNCTION(0, 1)
FORWARD_PAIR_FUNCTION(1, 0)
FORWARD_PAIR_FUNCTION(1, 1)
FORWARD_PAIR_FUNCTION(2, 0)
FORWARD_PAIR_FUNCTION(2, 1)
FORWARD_PAIR_FUNCTION(3, 0)
FORWARD_PAIR_FUNCTION(3, 1)
FORWARD_PAIR_FUNCTION(4, 0)
FORWARD_PAIR_FUNCTION(4, 1)
FORWARD_PAIR_FUNCTION(5, 0)
FORWARD_PAIR_FUNCTION(5, 1)
FORWARD_PAIR_FUNCTION(6, 0)
FORWARD_PAIR_FUNCTION(6, 1)
FORWARD_PAIR_FUNCTION(7, 0)
FORWARD_PAIR_FUNCTION(7, 1)
FORWARD_PAIR_FUNCTION(8, 0)

#define FORWARD_PAIR(nz, tail)                                                                                  \
    forward_pair_##nz##_##tail(                                                                                 \
        col, hidden, features, recurrent_rows, width, x0, x1, kernel, recurrent, bias, h0, h1, z0, z1)

AVX512 void foresite_lstm_forward_step_avx512(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    const int hp = hidden_padded, width = foresite_gate_width(hidden);
    if (hp % 16 != 0) {
        foresite_lstm_forward_step_avx2(
            rows, features, recurrent_rows, hidden, hidden_padded, inputs, kernel, recurrent, bias,
            previous_hidden, previous_cell, gates, cell, cell_tanh, hidden_state);
        return;
    }
    for (int row = 0; row < rows; row += 2) {
        // An odd last row is paired with itself (same inputs, same stores).
        const int other = row + 1 < rows ? row + 1 : row;
        const float *x0 = inputs + row * features, *x1 = inputs + other * features;
        const float *h0 = previous_hidden + row * hp, *h1 = previous_hidden + other * hp;
        float *z0 = gates + row * width, *z1 = gates + other * width;
        int col = 0;
        for (; col + 128 <= width; col += 128) FORWARD_PAIR(8, 0);
        // width is a multiple of 8: 8 ..< 128 columns may be left.
        switch (width - col) {
        case 8: FORWARD_PAIR(0, 1); break;
        case 16: FORWARD_PAIR(1, 0); break;
        case 24: FORWARD_PAIR(1, 1); break;
        case 32: FORWARD_PAIR(2, 0); break;
        case 40: FORWARD_PAIR(2, 1); break;
        case 48: FORWARD_PAIR(3, 0); break;
        case 56: FORWARD_PAIR(3, 1); break;
        case 64: FORWARD_PAIR(4, 0); break;
        case 72: FORWARD_PAIR(4, 1); break;
        case 80: FORWARD_PAIR(5, 0); break;
        case 88: FORWARD_PAIR(5, 1); break;
        case 96: FORWARD_PAIR(6, 0); break;
        case 104: FORWARD_PAIR(6, 1); break;
        case 112: FORWARD_PAIR(7, 0); break;
        case 120: FORWARD_PAIR(7, 1); break;
        default: break;
        }
    }
    // The cell states and their tanh for all rows at once, eight independent chains at a time (per pair
    // there were only four, and they waited on each other's latency).
    const int values = rows * hp;
    int first = 0, row = 0, unit = 0;
    for (; first + 128 <= values; first += 128) {
        cell_states(8, row, unit, hidden, hp, width, gates, previous_cell, cell, cell_tanh, hidden_state);
        // hp is a multiple of 16: 128 values are 8 · 16 / hp rows and some units further.
        unit += 128;
        while (unit >= hp) {
            unit -= hp;
            row++;
        }
    }
    for (; first < values; first += 16) {
        cell_states(1, row, unit, hidden, hp, width, gates, previous_cell, cell, cell_tanh, hidden_state);
        unit += 16;
        if (unit == hp) {
            unit = 0;
            row++;
        }
    }
}

/// dL/dz of the four gates for one row and dL/dc₋₁ in place of dL/dc: the AVX2 version's operations,
/// sixteen units at a time (padding units read as zero and not stored into dz).
AVX512 INLINE void gate_gradients_for_row(
    int hidden, int hp, const float *z, const float *pc, const float *t, const float *dh, float *dc, float *dz) {
    const __m512 one = _mm512_set1_ps(1.0f);
    for (int unit = 0; unit < hp; unit += 16) {
        const __mmask16 real = unit_lanes(unit, hidden);
        const __m512 i = _mm512_maskz_loadu_ps(real, z + unit), f = _mm512_maskz_loadu_ps(real, z + hidden + unit);
        const __m512 g = _mm512_maskz_loadu_ps(real, z + 2 * hidden + unit);
        const __m512 o = _mm512_maskz_loadu_ps(real, z + 3 * hidden + unit);
        const __m512 tanh = _mm512_loadu_ps(t + unit), dhu = _mm512_loadu_ps(dh + unit);
        const __m512 dcu = _mm512_fmadd_ps(
            _mm512_mul_ps(dhu, o), _mm512_fnmadd_ps(tanh, tanh, one), _mm512_loadu_ps(dc + unit));
        const __m512 di = _mm512_mul_ps(_mm512_mul_ps(dcu, g), _mm512_mul_ps(i, _mm512_sub_ps(one, i)));
        const __m512 df = _mm512_mul_ps(
            _mm512_mul_ps(dcu, _mm512_loadu_ps(pc + unit)), _mm512_mul_ps(f, _mm512_sub_ps(one, f)));
        const __m512 dg = _mm512_mul_ps(_mm512_mul_ps(dcu, i), _mm512_fnmadd_ps(g, g, one));
        const __m512 d_o = _mm512_mul_ps(_mm512_mul_ps(dhu, tanh), _mm512_mul_ps(o, _mm512_sub_ps(one, o)));
        _mm512_mask_storeu_ps(dz + unit, real, di);
        _mm512_mask_storeu_ps(dz + hidden + unit, real, df);
        _mm512_mask_storeu_ps(dz + 2 * hidden + unit, real, dg);
        _mm512_mask_storeu_ps(dz + 3 * hidden + unit, real, d_o);
        _mm512_storeu_ps(dc + unit, _mm512_mul_ps(dcu, f));
    }
}

/// dL/dh₋₁ = dz·Uᵀ for `count` consecutive rows (a constant after inlining) and 32 units from `unit`
/// on: 2·count accumulators, each row of Uᵀ loaded once for all rows. Same summation order as AVX2
/// (the 4H gate columns in order).
AVX512 INLINE void hidden_gradient_rows(
    int count, int unit, int hidden, int hp, int width, const float *ut, const float *dz, float *dh) {
    __m512 acc[16];
    for (int k = 0; k < 2 * count; k++) acc[k] = _mm512_setzero_ps();
    for (int j = 0; j < 4 * hidden; j++) {
        const __m512 u0 = _mm512_loadu_ps(ut + j * hp + unit), u1 = _mm512_loadu_ps(ut + j * hp + unit + 16);
        for (int r = 0; r < count; r++) {
            const __m512 d = _mm512_set1_ps(dz[r * width + j]);
            acc[2 * r] = _mm512_fmadd_ps(d, u0, acc[2 * r]);
            acc[2 * r + 1] = _mm512_fmadd_ps(d, u1, acc[2 * r + 1]);
        }
    }
    for (int r = 0; r < count; r++) {
        _mm512_storeu_ps(dh + r * hp + unit, acc[2 * r]);
        _mm512_storeu_ps(dh + r * hp + unit + 16, acc[2 * r + 1]);
    }
}

/// The 16-unit variant for a padded hidden size that is an odd multiple of 16.
AVX512 INLINE void hidden_gradient_rows16(
    int count, int unit, int hidden, int hp, int width, const float *ut, const float *dz, float *dh) {
    __m512 acc[8];
    for (int k = 0; k < count; k++) acc[k] = _mm512_setzero_ps();
    for (int j = 0; j < 4 * hidden; j++) {
        const __m512 u = _mm512_loadu_ps(ut + j * hp + unit);
        for (int r = 0; r < count; r++) acc[r] = _mm512_fmadd_ps(_mm512_set1_ps(dz[r * width + j]), u, acc[r]);
    }
    for (int r = 0; r < count; r++) _mm512_storeu_ps(dh + r * hp + unit, acc[r]);
}

AVX512 INLINE void backward_rows(
    int count, int hidden, int hp, int width, const float *ut, const float *gates, const float *previous_cell,
    const float *cell_tanh, float *hidden_gradient, float *cell_gradient, float *gate_gradients, int propagate) {
    // Every row's dL/dh is consumed here before the rows' dL/dh₋₁ overwrite them.
    for (int r = 0; r < count; r++) {
        gate_gradients_for_row(
            hidden, hp, gates + r * width, previous_cell + r * hp, cell_tanh + r * hp, hidden_gradient + r * hp,
            cell_gradient + r * hp, gate_gradients + r * width);
    }
    if (!propagate) return;
    int unit = 0;
    for (; unit + 32 <= hp; unit += 32) {
        hidden_gradient_rows(count, unit, hidden, hp, width, ut, gate_gradients, hidden_gradient);
    }
    if (unit < hp) hidden_gradient_rows16(count, unit, hidden, hp, width, ut, gate_gradients, hidden_gradient);
}

AVX512 void foresite_lstm_backward_step_avx512(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    const int hp = hidden_padded, width = foresite_gate_width(hidden);
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
            8, hidden, hp, width, recurrent_transposed, gates + row * width, previous_cell + row * hp,
            cell_tanh + row * hp, hidden_gradient + row * hp, cell_gradient + row * hp, gate_gradients + row * width,
            propagate);
    }
    for (; row < rows; row++) {
        backward_rows(
            1, hidden, hp, width, recurrent_transposed, gates + row * width, previous_cell + row * hp,
            cell_tanh + row * hp, hidden_gradient + row * hp, cell_gradient + row * hp, gate_gradients + row * width,
            propagate);
    }
}

/// c[k + q, col ..< col + 16·nz + 8·tail] += Σ_r a[r, k + q]·dz[r, ·] for q < `kq`: each load of dz serves
/// `kq` rows of c (four rows: half the loads per FMA of two, the weight gradients 3–4 % faster). `kq`,
/// `nz` and `tail` are constants after inlining, kq·(nz + tail) ≤ 16 accumulators. The AVX2 version's
/// summation order.
AVX512 INLINE void transposed_product_block(
    int kq, int nz, int tail, int k, int col, int rows, const float *a, int a_stride, const float *dz, int width,
    float *c) {
    __m512 acc[16];
    __m256 t[4];
    UNROLL for (int q = 0; q < kq; q++) {
        UNROLL for (int v = 0; v < nz; v++) acc[nz * q + v] = _mm512_loadu_ps(c + (k + q) * width + col + 16 * v);
        if (tail) t[q] = _mm256_loadu_ps(c + (k + q) * width + col + 16 * nz);
    }
    for (int r = 0; r < rows; r++) {
        __m512 d[8];
        UNROLL for (int v = 0; v < nz; v++) d[v] = _mm512_loadu_ps(dz + r * width + col + 16 * v);
        const __m256 d8 = tail ? _mm256_loadu_ps(dz + r * width + col + 16 * nz) : _mm256_setzero_ps();
        UNROLL for (int q = 0; q < kq; q++) {
            const __m512 x = _mm512_set1_ps(a[r * a_stride + k + q]);
            UNROLL for (int v = 0; v < nz; v++) acc[nz * q + v] = _mm512_fmadd_ps(x, d[v], acc[nz * q + v]);
            if (tail) t[q] = _mm256_fmadd_ps(broadcast8(a + r * a_stride + k + q), d8, t[q]);
        }
    }
    UNROLL for (int q = 0; q < kq; q++) {
        UNROLL for (int v = 0; v < nz; v++) _mm512_storeu_ps(c + (k + q) * width + col + 16 * v, acc[nz * q + v]);
        if (tail) _mm256_storeu_ps(c + (k + q) * width + col + 16 * nz, t[q]);
    }
}

#define PRODUCT_BLOCK(kq, nz, tail) transposed_product_block(kq, nz, tail, k, col, rows, a, a_stride, dz, width, c)

// The 8 ..< 128 columns from `col` on (width is a multiple of 8), for rows k ..< k + kq of c, kq ≤ 2.
#define PRODUCT_REST(kq)                                                                                        \
    switch (width - col) {                                                                                      \
    case 8: PRODUCT_BLOCK(kq, 0, 1); break;                                                                     \
    case 16: PRODUCT_BLOCK(kq, 1, 0); break;                                                                    \
    case 24: PRODUCT_BLOCK(kq, 1, 1); break;                                                                    \
    case 32: PRODUCT_BLOCK(kq, 2, 0); break;                                                                    \
    case 40: PRODUCT_BLOCK(kq, 2, 1); break;                                                                    \
    case 48: PRODUCT_BLOCK(kq, 3, 0); break;                                                                    \
    case 56: PRODUCT_BLOCK(kq, 3, 1); break;                                                                    \
    case 64: PRODUCT_BLOCK(kq, 4, 0); break;                                                                    \
    case 72: PRODUCT_BLOCK(kq, 4, 1); break;                                                                    \
    case 80: PRODUCT_BLOCK(kq, 5, 0); break;                                                                    \
    case 88: PRODUCT_BLOCK(kq, 5, 1); break;                                                                    \
    case 96: PRODUCT_BLOCK(kq, 6, 0); break;                                                                    \
    case 104: PRODUCT_BLOCK(kq, 6, 1); break;                                                                   \
    case 112: PRODUCT_BLOCK(kq, 7, 0); break;                                                                   \
    case 120: PRODUCT_BLOCK(kq, 7, 1); break;                                                                   \
    default: break;                                                                                             \
    }

AVX512 static void transposed_product_accumulate(
    int m, int rows, const float *a, int a_stride, const float *dz, int width, float *c) {
    int k = 0;
    for (; k + 4 <= m; k += 4) {
        int col = 0;
        for (; col + 64 <= width; col += 64) PRODUCT_BLOCK(4, 4, 0);
        // Fewer than 64 columns may be left.
        switch (width - col) {
        case 8: PRODUCT_BLOCK(4, 0, 1); break;
        case 16: PRODUCT_BLOCK(4, 1, 0); break;
        case 24: PRODUCT_BLOCK(4, 1, 1); break;
        case 32: PRODUCT_BLOCK(4, 2, 0); break;
        case 40: PRODUCT_BLOCK(4, 2, 1); break;
        case 48: PRODUCT_BLOCK(4, 3, 0); break;
        case 56: PRODUCT_BLOCK(4, 3, 1); break;
        default: break;
        }
    }
    // The last rows of c (at most three), two at a time, then one.
    while (k < m) {
        const int kq = m - k >= 2 ? 2 : 1;
        int col = 0;
        for (; col + 128 <= width; col += 128) {
            if (kq == 2) PRODUCT_BLOCK(2, 8, 0); else PRODUCT_BLOCK(1, 8, 0);
        }
        if (kq == 2) {
            PRODUCT_REST(2);
        } else {
            PRODUCT_REST(1);
        }
        k += kq;
    }
}

AVX512 void foresite_lstm_weight_gradients_avx512(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    const int width = foresite_gate_width(hidden);
    transposed_product_accumulate(features, rows, inputs, features, gate_gradients, width, kernel_gradient);
    transposed_product_accumulate(
        recurrent_rows, rows, previous_hidden, hidden_padded, gate_gradients, width, recurrent_gradient);
    int col = 0;
    for (; col + 16 <= width; col += 16) {
        __m512 sum = _mm512_loadu_ps(bias_gradient + col);
        for (int r = 0; r < rows; r++) sum = _mm512_add_ps(sum, _mm512_loadu_ps(gate_gradients + r * width + col));
        _mm512_storeu_ps(bias_gradient + col, sum);
    }
    if (col < width) {
        __m256 sum = _mm256_loadu_ps(bias_gradient + col);
        for (int r = 0; r < rows; r++) sum = _mm256_add_ps(sum, _mm256_loadu_ps(gate_gradients + r * width + col));
        _mm256_storeu_ps(bias_gradient + col, sum);
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
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    foresite_lstm_weight_gradients_scalar(
        rows, features, recurrent_rows, hidden, hidden_padded, inputs, previous_hidden, gate_gradients,
        kernel_gradient, recurrent_gradient, bias_gradient);
}

void foresite_lstm_forward_step_avx512(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    foresite_lstm_forward_step_scalar(
        rows, features, recurrent_rows, hidden, hidden_padded, inputs, kernel, recurrent, bias, previous_hidden,
        previous_cell, gates, cell, cell_tanh, hidden_state);
}

#endif
