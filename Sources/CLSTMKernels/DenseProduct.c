// The dense layers' matrix products of CLSTMKernels.h (`foresite_dense_product`). Each element of C is one
// chain of fused multiply-adds over k in order, starting from zero: the AVX2 path (up to sixteen columns of
// four rows at a time) and the portable one (`fmaf`, for CPUs without FMA) compute every element with the
// same operations in the same order, so the products, like the LSTM kernels and Adam, give the
// same bits on every CPU. (OpenBLAS, which did this before, chose its kernel and summation order by CPU
// model, so the trained weights differed between machines.)
#include "CLSTMKernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

/// The reference order every path follows, one element at a time.
static void dense_product_scalar(
    int transpose_a, int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc) {
    for (int i = 0; i < m; i++) {
        for (int j = 0; j < n; j++) {
            float sum = 0;
            for (int p = 0; p < k; p++) {
                const float x = transpose_a ? a[p * lda + i] : a[i * lda + p];
                sum = fmaf(x, b[p * ldb + j], sum);
            }
            c[i * ldc + j] = sum;
        }
    }
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

#define AVX2 __attribute__((target("avx2,fma")))

/// Columns j ..< j + 8·vectors (those below n) of `rows` rows of C from row i, with `rows` ≤ 4 and
/// `vectors` ≤ 2 constants after inlining: up to eight independent chains, to cover the FMA latency. Lanes
/// at or past n load zeros (`vmaskmovps`) and are not stored, so a column tail takes the same path.
AVX2 static inline __attribute__((always_inline)) void dense_tile(
    int rows, int vectors, int transpose_a, int i, int j, int n, int k, const float *a, int lda, const float *b,
    int ldb, float *c, int ldc) {
    const __m256i lane = _mm256_setr_epi32(0, 1, 2, 3, 4, 5, 6, 7);
    __m256i inside[2];
    __m256 acc[4][2];
    for (int v = 0; v < vectors; v++) {
        inside[v] = _mm256_cmpgt_epi32(_mm256_set1_epi32(n - j - 8 * v), lane);
        for (int r = 0; r < rows; r++) acc[r][v] = _mm256_setzero_ps();
    }
    for (int p = 0; p < k; p++) {
        __m256 w[2];
        for (int v = 0; v < vectors; v++) w[v] = _mm256_maskload_ps(b + p * ldb + j + 8 * v, inside[v]);
        for (int r = 0; r < rows; r++) {
            const __m256 x = _mm256_set1_ps(transpose_a ? a[p * lda + i + r] : a[(i + r) * lda + p]);
            for (int v = 0; v < vectors; v++) acc[r][v] = _mm256_fmadd_ps(x, w[v], acc[r][v]);
        }
    }
    for (int r = 0; r < rows; r++) {
        for (int v = 0; v < vectors; v++) {
            float *out = c + (i + r) * ldc + j + 8 * v;
            const int count = n - j - 8 * v;
            if (count >= 8) {
                _mm256_storeu_ps(out, acc[r][v]);
            } else {
                float lanes[8];
                _mm256_storeu_ps(lanes, acc[r][v]);
                memcpy(out, lanes, sizeof(float) * (size_t)count);
            }
        }
    }
}

/// `dense_tile` over rows i ..< m in fours, then the last one to three.
AVX2 static inline __attribute__((always_inline)) void dense_column_group(
    int vectors, int transpose_a, int m, int j, int n, int k, const float *a, int lda, const float *b, int ldb,
    float *c, int ldc) {
    int i = 0;
    for (; i + 4 <= m; i += 4) dense_tile(4, vectors, transpose_a, i, j, n, k, a, lda, b, ldb, c, ldc);
    switch (m - i) {
    case 1: dense_tile(1, vectors, transpose_a, i, j, n, k, a, lda, b, ldb, c, ldc); break;
    case 2: dense_tile(2, vectors, transpose_a, i, j, n, k, a, lda, b, ldb, c, ldc); break;
    case 3: dense_tile(3, vectors, transpose_a, i, j, n, k, a, lda, b, ldb, c, ldc); break;
    default: break;
    }
}

/// Every column of C by AVX2: sixteen at a time (the last group may be partial), or eight where only up
/// to eight are left.
AVX2 static void dense_product_avx2(
    int transpose_a, int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc) {
    for (int j = 0; j < n; j += 16) {
        if (n - j > 8) {
            dense_column_group(2, transpose_a, m, j, n, k, a, lda, b, ldb, c, ldc);
        } else {
            dense_column_group(1, transpose_a, m, j, n, k, a, lda, b, ldb, c, ldc);
        }
    }
}

#endif

/// B, or a k × n copy of Bᵀ (in `small` when it fits, else allocated; `release` frees it), so that every
/// path reads B's columns side by side.
static const float *rows_of_b(int transpose_b, int n, int k, const float *b, int *ldb, float *small, int capacity) {
    if (!transpose_b) return b;
    float *copy = (size_t)k * (size_t)n <= (size_t)capacity ? small : malloc(sizeof(float) * (size_t)k * (size_t)n);
    if (copy == NULL) abort();
    for (int p = 0; p < k; p++) {
        for (int j = 0; j < n; j++) copy[p * n + j] = b[j * *ldb + p];
    }
    *ldb = n;
    return copy;
}

static void release(const float *rows, const float *b, const float *small) {
    if (rows != b && rows != small) free((void *)rows);
}

/// Either path, on B's rows (a copy of them for a transposed B).
static void dense_product(
    int portable, int transpose_a, int transpose_b, int m, int n, int k, const float *a, int lda, const float *b,
    int ldb, float *c, int ldc) {
    if (m <= 0 || n <= 0) return;
    float small[1024];
    const float *rows = rows_of_b(transpose_b, n, k, b, &ldb, small, 1024);
#if defined(__x86_64__) || defined(__i386__)
    if (!portable && foresite_lstm_avx2_supported()) {
        dense_product_avx2(transpose_a, m, n, k, a, lda, rows, ldb, c, ldc);
    } else {
        dense_product_scalar(transpose_a, m, n, k, a, lda, rows, ldb, c, ldc);
    }
#else
    (void)portable;
    dense_product_scalar(transpose_a, m, n, k, a, lda, rows, ldb, c, ldc);
#endif
    release(rows, b, small);
}

void foresite_dense_product(
    int transpose_a, int transpose_b, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float *c, int ldc) {
    dense_product(0, transpose_a, transpose_b, m, n, k, a, lda, b, ldb, c, ldc);
}

void foresite_dense_product_portable(
    int transpose_a, int transpose_b, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float *c, int ldc) {
    dense_product(1, transpose_a, transpose_b, m, n, k, a, lda, b, ldb, c, ldc);
}
