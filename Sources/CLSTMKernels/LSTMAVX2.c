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

#define INLINE static inline __attribute__((always_inline))
// Every loop over a register array unrolled, so that the array stays in registers.
#define UNROLL _Pragma("clang loop unroll(full)")

/// acc[t] += a0[k]·M[k, 8t ..< 8t+8] and acc[tiles + t] += a1[k]·M[k, 8t ..< 8t+8] for t < tiles ≤ 5,
/// k < count: the register-blocked core of every product here (8 accumulators hide the FMA latency, each
/// row of M loaded once serves both rows of a). `tiles` is a constant after inlining.
AVX2 INLINE void accumulate_pair(
    int tiles, int count, const float *a0, const float *a1, int a_stride, const float *m, int m_stride,
    __m256 *acc) {
    for (int k = 0; k < count; k++) {
        const float *row = m + k * m_stride;
        const __m256 x0 = _mm256_broadcast_ss(a0 + k * a_stride), x1 = _mm256_broadcast_ss(a1 + k * a_stride);
        UNROLL for (int t = 0; t < tiles; t++) {
            const __m256 w = _mm256_loadu_ps(row + 8 * t);
            acc[t] = _mm256_fmadd_ps(x0, w, acc[t]);
            acc[tiles + t] = _mm256_fmadd_ps(x1, w, acc[tiles + t]);
        }
    }
}

/// Gate pre-activations z ← b + x·W + h₋₁·U of two rows, columns col ..< col + 8·tiles.
AVX2 INLINE void preactivation_tiles_for_pair(
    int tiles, int col, int features, int recurrent_rows, int width, const float *x0, const float *x1,
    const float *kernel, const float *recurrent, const float *bias, const float *h0, const float *h1, float *z0,
    float *z1) {
    __m256 acc[10];
    UNROLL for (int t = 0; t < tiles; t++) acc[t] = acc[tiles + t] = _mm256_loadu_ps(bias + col + 8 * t);
    accumulate_pair(tiles, features, x0, x1, 1, kernel + col, width, acc);
    accumulate_pair(tiles, recurrent_rows, h0, h1, 1, recurrent + col, width, acc);
    UNROLL for (int t = 0; t < tiles; t++) {
        _mm256_storeu_ps(z0 + col + 8 * t, acc[t]);
        _mm256_storeu_ps(z1 + col + 8 * t, acc[tiles + t]);
    }
}

/// How many 8-column tiles the next group of a pair's products takes, of `left`: five where that leaves
/// none or at least four (ten accumulators, where eight barely cover two FMA pipes' latency and a last
/// group of three left six: 120 columns go as 5 + 5 + 5 instead of 4 + 4 + 4 + 3), else four, else all.
static inline int product_group(int left) {
    if (left % 4 == 0) return 4;
    if (left == 5 || left >= 9) return 5;
    return left >= 4 ? 4 : left;
}

/// Gate pre-activations of two rows, in groups of one to five 8-column tiles (`product_group`).
AVX2 static void preactivations_for_pair(
    int features, int recurrent_rows, int width, const float *x0, const float *x1, const float *kernel,
    const float *recurrent, const float *bias, const float *h0, const float *h1, float *z0, float *z1) {
    for (int col = 0; col < width;) {
        const int tiles = product_group((width - col) / 8);
        // Each case a constant group size, so that its accumulators stay in registers.
#define GROUP(size)                                                                                          \
    preactivation_tiles_for_pair(                                                                            \
        size, col, features, recurrent_rows, width, x0, x1, kernel, recurrent, bias, h0, h1, z0, z1)
        switch (tiles) {
        case 1: GROUP(1); break;
        case 2: GROUP(2); break;
        case 3: GROUP(3); break;
        case 4: GROUP(4); break;
        default: GROUP(5); break;
        }
#undef GROUP
        col += 8 * tiles;
    }
}

/// tanh in the lanes whose column col + lane lies in the c̃ block [2H, 3H), as a blend mask.
AVX2 INLINE __m256 tanh_lanes(int col, int hidden) {
    const __m256i c = _mm256_add_epi32(_mm256_set1_epi32(col), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    const __m256i from = _mm256_cmpgt_epi32(c, _mm256_set1_epi32(2 * hidden - 1));
    const __m256i below = _mm256_cmpgt_epi32(_mm256_set1_epi32(3 * hidden), c);
    return _mm256_castsi256_ps(_mm256_and_si256(from, below));
}

/// The lanes of units unit ..< unit + 8 that are real (below `hidden`), as a `maskload` mask.
AVX2 INLINE __m256i unit_lanes(int unit, int hidden) {
    const __m256i u = _mm256_add_epi32(_mm256_set1_epi32(unit), _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7));
    return _mm256_cmpgt_epi32(_mm256_set1_epi32(hidden), u);
}

/// Eight units' values from `p`, the lanes of padding units (`real` clear) as zero: a plain load where all
/// eight are real (`vmaskmovps` on every tile made the forward and backward steps 6–8 % slower).
AVX2 INLINE __m256 load_units(const float *p, int unit, int hidden, __m256i real) {
    return unit + 8 <= hidden ? _mm256_loadu_ps(p) : _mm256_maskload_ps(p, real);
}

/// v[k] ← σ or tanh (in the lanes set in `tanh[k]`) of the exponents v[k] for k < n ≤ 4 (Activations.h):
/// σ = 1 / (1 + e), tanh = (1 − e) / (1 + e), e = 2^y; one step of all n chains after another, so that
/// the scheduler sees n independent chains (`n` a constant after inlining, so they stay in registers).
AVX2 INLINE void activate_group(int n, __m256 *v, const __m256 *tanh) {
    const __m256 one = _mm256_set1_ps(1.0f);
    __m256 rounded[4], p[4];
    UNROLL for (int k = 0; k < n; k++) {
        v[k] = _mm256_min_ps(_mm256_max_ps(v[k], _mm256_set1_ps(-EXP2_LIMIT)), _mm256_set1_ps(EXP2_LIMIT));
    }
    // n = round(y) by `vroundps` (ties to even, as the 1.5·2²³ sum: the same n and f, one dependent
    // operation less; the forward step 3–5 % faster on Zen 3), then f = y − n and 2^n from n's integer.
    UNROLL for (int k = 0; k < n; k++) rounded[k] = _mm256_round_ps(v[k], _MM_FROUND_TO_NEAREST_INT | _MM_FROUND_NO_EXC);
    UNROLL for (int k = 0; k < n; k++) v[k] = _mm256_sub_ps(v[k], rounded[k]);
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(_mm256_set1_ps(EXP2_C5), v[k], _mm256_set1_ps(EXP2_C4));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], _mm256_set1_ps(EXP2_C3));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], _mm256_set1_ps(EXP2_C2));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], _mm256_set1_ps(EXP2_C1));
    UNROLL for (int k = 0; k < n; k++) p[k] = _mm256_fmadd_ps(p[k], v[k], one);
    UNROLL for (int k = 0; k < n; k++) {
        const __m256i scale = _mm256_slli_epi32(_mm256_cvtps_epi32(rounded[k]), 23);
        p[k] = _mm256_castsi256_ps(_mm256_add_epi32(_mm256_castps_si256(p[k]), scale));
    }
    UNROLL for (int k = 0; k < n; k++) {
        // 1 − e in the tanh lanes, 1 − 0 = 1 in the others (a logic op and a subtraction, off the FMA pipes).
        v[k] = _mm256_div_ps(_mm256_sub_ps(one, _mm256_and_ps(p[k], tanh[k])), _mm256_add_ps(one, p[k]));
    }
}

/// The gate activations of `tiles` (a constant after inlining) 8-column tiles of a row from `col` on,
/// in place of their exponents.
AVX2 INLINE void activate_tiles(int tiles, int col, const __m256 *masks, float *z) {
    __m256 v[4], tanh[4];
    UNROLL for (int k = 0; k < tiles; k++) {
        v[k] = _mm256_loadu_ps(z + col + 8 * k);
        tanh[k] = masks[col / 8 + k];
    }
    activate_group(tiles, v, tanh);
    UNROLL for (int k = 0; k < tiles; k++) _mm256_storeu_ps(z + col + 8 * k, v[k]);
}

/// For one row: the gate activations i, f, c̃, o in place of their exponents, four tiles at a time, then
/// c = f·c₋₁ + i·c̃ (h = o·tanh c follows for the whole step in `hidden_state_row`). One tile's five
/// chains at a time (four gates, then tanh c after them) waited on each other's latency.
AVX2 static void activate_row(
    int hidden, int hp, int width, const __m256 *masks, float *z, const float *pc, float *c) {
    int col = 0;
    // The group size a constant, so the chains stay in registers.
    for (; col + 32 <= width; col += 32) activate_tiles(4, col, masks, z);
    // The last one to three tiles as one group (one at a time, each chain waited on its own latency).
    switch ((width - col) / 8) {
    case 1: activate_tiles(1, col, masks, z); break;
    case 2: activate_tiles(2, col, masks, z); break;
    case 3: activate_tiles(3, col, masks, z); break;
    default: break;
    }
    // Padding units read their gates as zero: c = 0 there.
    for (int unit = 0; unit < hp; unit += 8) {
        const __m256i real = unit_lanes(unit, hidden);
        const __m256 i = load_units(z + unit, unit, hidden, real);
        const __m256 f = load_units(z + hidden + unit, unit, hidden, real);
        const __m256 g = load_units(z + 2 * hidden + unit, unit, hidden, real);
        _mm256_storeu_ps(c + unit, _mm256_fmadd_ps(f, _mm256_loadu_ps(pc + unit), _mm256_mul_ps(i, g)));
    }
}

/// h = o·tanh c for `tiles` (a constant after inlining) 8-unit tiles of one row from `unit` on.
AVX2 INLINE void hidden_state_tiles(
    int tiles, int unit, int hidden, const float *z, const float *c, float *t, float *h) {
    __m256 v[4], tanh[4];
    UNROLL for (int k = 0; k < tiles; k++) {
        v[k] = _mm256_mul_ps(_mm256_loadu_ps(c + unit + 8 * k), _mm256_set1_ps(MINUS_2LOG2E));
        tanh[k] = _mm256_castsi256_ps(_mm256_set1_epi32(-1));
    }
    activate_group(tiles, v, tanh);
    UNROLL for (int k = 0; k < tiles; k++) {
        const int at = unit + 8 * k;
        _mm256_storeu_ps(t + at, v[k]);
        const __m256 o = load_units(z + 3 * hidden + at, at, hidden, unit_lanes(at, hidden));
        _mm256_storeu_ps(h + at, _mm256_mul_ps(o, v[k]));
    }
}

/// h = o·tanh c for one row's cell states, four tiles (chains) at a time.
AVX2 static void hidden_state_row(int hidden, int hp, const float *z, const float *c, float *t, float *h) {
    int unit = 0;
    for (; unit + 32 <= hp; unit += 32) hidden_state_tiles(4, unit, hidden, z, c, t, h);
    for (; unit < hp; unit += 8) hidden_state_tiles(1, unit, hidden, z, c, t, h);
}

AVX2 void foresite_lstm_forward_step_avx2(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    const int hp = hidden_padded, width = foresite_gate_width(hidden);
    // Which lanes of each tile of a gate row take tanh: the same for every row (per tile and row, the mask
    // cost 4 % of the step).
    __m256 masks[width / 8];
    for (int tile = 0; tile < width / 8; tile++) masks[tile] = tanh_lanes(8 * tile, hidden);
    // Each pair's activations right after its products, while the pre-activations are in L1; the cell
    // states' tanh for every row after that. An odd last row is paired with itself (same inputs, same
    // stores).
    for (int row = 0; row < rows; row += 2) {
        const int other = row + 1 < rows ? row + 1 : row;
        preactivations_for_pair(
            features, recurrent_rows, width, inputs + row * features, inputs + other * features, kernel,
            recurrent, bias, previous_hidden + row * hp, previous_hidden + other * hp, gates + row * width,
            gates + other * width);
        for (int r = row; r <= other; r++) {
            activate_row(hidden, hp, width, masks, gates + r * width, previous_cell + r * hp, cell + r * hp);
        }
    }
    for (int row = 0; row < rows; row++) {
        hidden_state_row(
            hidden, hp, gates + row * width, cell + row * hp, cell_tanh + row * hp, hidden_state + row * hp);
    }
}

/// The first `n` (1 ..< 8) lanes of `v` stored at `p`, nothing after them.
AVX2 INLINE void store_partial(float *p, __m256 v, int n) {
    __m128 part = _mm256_castps256_ps128(v);
    if (n >= 4) {
        _mm_storeu_ps(p, part);
        p += 4;
        n -= 4;
        part = _mm256_extractf128_ps(v, 1);
    }
    if (n >= 2) {
        _mm_storel_pi((__m64 *)p, part);
        p += 2;
        n -= 2;
        part = _mm_movehl_ps(part, part);
    }
    if (n >= 1) _mm_store_ss(p, part);
}

/// dz[at ..< at + 8] ← v where that stays inside the step's gradients (`limit` floats from `dz` on), else
/// only its first `n` lanes. The lanes past `n` are padding units, exactly zero, and land on the next
/// block's (or the next row's) first units, which are written afterwards (`vmaskmovps` stores instead,
/// one per block and row, made the backward step 12 % slower).
AVX2 INLINE void store_gate_units(float *dz, int at, int limit, __m256 v, int n) {
    if (n == 8 || at + 8 <= limit) {
        _mm256_storeu_ps(dz + at, v);
    } else {
        store_partial(dz + at, v, n);
    }
}

/// One 8-unit tile of `gate_gradients_for_row`.
AVX2 INLINE void gate_gradients_for_tile(
    int unit, int hidden, int limit, const float *z, const float *pc, const float *t, const float *dh, float *dc,
    float *dz) {
    const __m256 one = _mm256_set1_ps(1.0f);
    const __m256i real = unit_lanes(unit, hidden);
    const __m256 i = load_units(z + unit, unit, hidden, real);
    const __m256 f = load_units(z + hidden + unit, unit, hidden, real);
    const __m256 g = load_units(z + 2 * hidden + unit, unit, hidden, real);
    const __m256 o = load_units(z + 3 * hidden + unit, unit, hidden, real);
    const __m256 tanh = _mm256_loadu_ps(t + unit), dhu = _mm256_loadu_ps(dh + unit);
    const __m256 dcu = _mm256_fmadd_ps(
        _mm256_mul_ps(dhu, o), _mm256_fnmadd_ps(tanh, tanh, one), _mm256_loadu_ps(dc + unit));
    const __m256 di = _mm256_mul_ps(_mm256_mul_ps(dcu, g), _mm256_mul_ps(i, _mm256_sub_ps(one, i)));
    const __m256 df = _mm256_mul_ps(
        _mm256_mul_ps(dcu, _mm256_loadu_ps(pc + unit)), _mm256_mul_ps(f, _mm256_sub_ps(one, f)));
    const __m256 dg = _mm256_mul_ps(_mm256_mul_ps(dcu, i), _mm256_fnmadd_ps(g, g, one));
    const __m256 d_o = _mm256_mul_ps(_mm256_mul_ps(dhu, tanh), _mm256_mul_ps(o, _mm256_sub_ps(one, o)));
    if (unit < hidden) {
        const int n = hidden - unit < 8 ? hidden - unit : 8;
        store_gate_units(dz, unit, limit, di, n);
        store_gate_units(dz, hidden + unit, limit, df, n);
        store_gate_units(dz, 2 * hidden + unit, limit, dg, n);
        store_gate_units(dz, 3 * hidden + unit, limit, d_o, n);
    }
    _mm256_storeu_ps(dc + unit, _mm256_mul_ps(dcu, f));
}

/// dL/dz of the four gates for one row, and dL/dc₋₁ in place of dL/dc. Padding units read their gates
/// as zero; the last tile, which has them, goes first, so that its zeros stored over the next blocks'
/// first units are overwritten by the first tile. `limit`: the floats of dz from this row on.
AVX2 static void gate_gradients_for_row(
    int hidden, int hp, int limit, const float *z, const float *pc, const float *t, const float *dh, float *dc,
    float *dz) {
    const int last = hp - 8;
    gate_gradients_for_tile(last, hidden, limit, z, pc, t, dh, dc, dz);
    for (int unit = 0; unit < last; unit += 8) gate_gradients_for_tile(unit, hidden, limit, z, pc, t, dh, dc, dz);
}

/// dL/dh₋₁ = dz·Uᵀ for two rows (which may be the same row), 32 units at a time, then any remaining
/// 8-unit tile; the 4H gate columns of dz in order.
AVX2 static void hidden_gradient_for_pair(
    int hidden, int hp, const float *ut, const float *dz0, const float *dz1, float *dh0, float *dh1) {
    const int columns = 4 * hidden;
    int col = 0;
    for (; col + 32 <= hp; col += 32) {
        __m256 acc[8];
        for (int t = 0; t < 8; t++) acc[t] = _mm256_setzero_ps();
        accumulate_pair(4, columns, dz0, dz1, 1, ut + col, hp, acc);
        for (int t = 0; t < 4; t++) {
            _mm256_storeu_ps(dh0 + col + 8 * t, acc[t]);
            _mm256_storeu_ps(dh1 + col + 8 * t, acc[t + 4]);
        }
    }
    for (; col < hp; col += 8) {
        __m256 a0 = _mm256_setzero_ps(), a1 = a0;
        for (int j = 0; j < columns; j++) {
            const __m256 u = _mm256_loadu_ps(ut + j * hp + col);
            a0 = _mm256_fmadd_ps(_mm256_broadcast_ss(dz0 + j), u, a0);
            a1 = _mm256_fmadd_ps(_mm256_broadcast_ss(dz1 + j), u, a1);
        }
        _mm256_storeu_ps(dh0 + col, a0);
        _mm256_storeu_ps(dh1 + col, a1);
    }
}

AVX2 void foresite_lstm_backward_step_avx2(
    int rows, int hidden, int hidden_padded, const float *recurrent_transposed, const float *gates,
    const float *previous_cell, const float *cell_tanh, float *hidden_gradient, float *cell_gradient,
    float *gate_gradients, int propagate) {
    const int hp = hidden_padded, width = foresite_gate_width(hidden);
    for (int row = 0; row < rows; row += 2) {
        // An odd last row is paired with itself (same inputs, same stores; rare in training, where only
        // a last partial batch can be odd, so it gets no one-row variant).
        const int other = row + 1 < rows ? row + 1 : row;
        // Both rows' dL/dh are consumed here before the pair's dL/dh₋₁ overwrites them.
        for (int r = row; r <= other; r++) {
            gate_gradients_for_row(
                hidden, hp, (rows - r) * width, gates + r * width, previous_cell + r * hp, cell_tanh + r * hp,
                hidden_gradient + r * hp, cell_gradient + r * hp, gate_gradients + r * width);
        }
        if (propagate) {
            hidden_gradient_for_pair(
                hidden, hp, recurrent_transposed, gate_gradients + row * width, gate_gradients + other * width,
                hidden_gradient + row * hp, hidden_gradient + other * hp);
        }
    }
}

/// acc[tiles·q + t] += a[r, k + q]·dz[r, col + 8t ..< col + 8t + 8] for q < 5, t < tiles ≤ 2, r < rows:
/// five rows of c per load of dz, with ten accumulators (`accumulate_pair`'s eight, at two FMAs a cycle,
/// barely cover the FMA latency; the weight gradients 9 % faster). The same summation order.
AVX2 INLINE void accumulate_five(
    int tiles, int rows, const float *a, int a_stride, const float *dz, int width, __m256 acc[10]) {
    for (int r = 0; r < rows; r++) {
        const __m256 d0 = _mm256_loadu_ps(dz + r * width);
        const __m256 d1 = tiles == 2 ? _mm256_loadu_ps(dz + r * width + 8) : d0;
        UNROLL for (int q = 0; q < 5; q++) {
            const __m256 x = _mm256_broadcast_ss(a + r * a_stride + q);
            acc[tiles * q] = _mm256_fmadd_ps(x, d0, acc[tiles * q]);
            if (tiles == 2) acc[2 * q + 1] = _mm256_fmadd_ps(x, d1, acc[2 * q + 1]);
        }
    }
}

/// Rows k ..< k + 5 of c, columns col ..< col + 8·tiles.
AVX2 INLINE void transposed_product_five(
    int tiles, int k, int col, int rows, const float *a, int a_stride, const float *dz, int width, float *c) {
    __m256 acc[10];
    UNROLL for (int q = 0; q < 5; q++) {
        UNROLL for (int t = 0; t < tiles; t++) acc[tiles * q + t] = _mm256_loadu_ps(c + (k + q) * width + col + 8 * t);
    }
    accumulate_five(tiles, rows, a + k, a_stride, dz + col, width, acc);
    UNROLL for (int q = 0; q < 5; q++) {
        UNROLL for (int t = 0; t < tiles; t++) _mm256_storeu_ps(c + (k + q) * width + col + 8 * t, acc[tiles * q + t]);
    }
}

/// Rows k and `other` (which may be the same row) of c, columns col ..< col + 8·tiles.
AVX2 INLINE void transposed_product_pair(
    int tiles, int k, int other, int col, int rows, const float *a, int a_stride, const float *dz, int width,
    float *c) {
    __m256 acc[8];
    UNROLL for (int t = 0; t < tiles; t++) {
        acc[t] = _mm256_loadu_ps(c + k * width + col + 8 * t);
        acc[tiles + t] = _mm256_loadu_ps(c + other * width + col + 8 * t);
    }
    accumulate_pair(tiles, rows, a + k, a + other, a_stride, dz + col, width, acc);
    UNROLL for (int t = 0; t < tiles; t++) {
        _mm256_storeu_ps(c + k * width + col + 8 * t, acc[t]);
        _mm256_storeu_ps(c + other * width + col + 8 * t, acc[tiles + t]);
    }
}

/// c[k, ·] += Σ_r a[r, k]·dz[r, ·] for k < m: one step's share of a weight gradient, five rows of c per
/// pass over the rows of dz, then two (which may be the same row).
AVX2 static void transposed_product_accumulate(
    int m, int rows, const float *a, int a_stride, const float *dz, int width, float *c) {
    int k = 0;
    for (; k + 5 <= m; k += 5) {
        int col = 0;
        for (; col + 16 <= width; col += 16) transposed_product_five(2, k, col, rows, a, a_stride, dz, width, c);
        if (col < width) transposed_product_five(1, k, col, rows, a, a_stride, dz, width, c);
    }
    for (; k < m; k += 2) {
        const int other = k + 1 < m ? k + 1 : k;
        int col = 0;
        for (; col + 32 <= width; col += 32) transposed_product_pair(4, k, other, col, rows, a, a_stride, dz, width, c);
        switch ((width - col) / 8) {
        case 1: transposed_product_pair(1, k, other, col, rows, a, a_stride, dz, width, c); break;
        case 2: transposed_product_pair(2, k, other, col, rows, a, a_stride, dz, width, c); break;
        case 3: transposed_product_pair(3, k, other, col, rows, a, a_stride, dz, width, c); break;
        default: break;
        }
    }
}

AVX2 void foresite_lstm_weight_gradients_avx2(
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    const int width = foresite_gate_width(hidden);
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
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *kernel, const float *recurrent, const float *bias, const float *previous_hidden,
    const float *previous_cell, float *gates, float *cell, float *cell_tanh, float *hidden_state) {
    foresite_lstm_forward_step_scalar(
        rows, features, recurrent_rows, hidden, hidden_padded, inputs, kernel, recurrent, bias, previous_hidden,
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
    int rows, int features, int recurrent_rows, int hidden, int hidden_padded, const float *inputs,
    const float *previous_hidden, const float *gate_gradients, float *kernel_gradient, float *recurrent_gradient,
    float *bias_gradient) {
    foresite_lstm_weight_gradients_scalar(
        rows, features, recurrent_rows, hidden, hidden_padded, inputs, previous_hidden, gate_gradients,
        kernel_gradient, recurrent_gradient, bias_gradient);
}

#endif
