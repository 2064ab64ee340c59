// The dense layers' matrix products of CLSTMKernels.h (`foresite_dense_product`). Each element of C is one
// chain of fused multiply-adds over k in order, starting from zero: the AVX2 path (eight columns of four
// rows at a time) and the scalar one (`fmaf`, for column tails and CPUs without FMA) compute every element
// with the same operations in the same order, so the products, like the LSTM kernels and Adam, give the
// same bits on every CPU. (OpenBLAS, which did this before, chose its kernel and summation order by CPU
// model, so the trained weights differed between machines.)
#include "CLSTMKernels.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#pragma STDC FP_CONTRACT OFF

/// C[i][j] for i < m and j in [from, n): the reference order every path follows.
static void dense_product_scalar(
    int transpose_a, int m, int n, int from, int k, const float *a, int lda, const float *b, int ldb, float *c,
    int ldc) {
    for (int i = 0; i < m; i++) {
        for (int j = from; j < n; j++) {
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

/// Columns j ..< j + 8 of `rows` (≤ 4, a constant after inlining) rows of C from row i: one accumulator per
/// row, four independent chains to cover the FMA latency.
AVX2 static inline __attribute__((always_inline)) void dense_tile(
    int rows, int transpose_a, int i, int j, int k, const float *a, int lda, const float *b, int ldb, float *c,
    int ldc) {
    __m256 acc[4];
    for (int r = 0; r < rows; r++) acc[r] = _mm256_setzero_ps();
    for (int p = 0; p < k; p++) {
        const __m256 w = _mm256_loadu_ps(b + p * ldb + j);
        for (int r = 0; r < rows; r++) {
            const float x = transpose_a ? a[p * lda + i + r] : a[(i + r) * lda + p];
            acc[r] = _mm256_fmadd_ps(_mm256_set1_ps(x), w, acc[r]);
        }
    }
    for (int r = 0; r < rows; r++) _mm256_storeu_ps(c + (i + r) * ldc + j, acc[r]);
}

/// Every full group of eight columns by AVX2; returns where the scalar tail starts.
AVX2 static int dense_product_avx2(
    int transpose_a, int m, int n, int k, const float *a, int lda, const float *b, int ldb, float *c, int ldc) {
    const int vector_columns = n / 8 * 8;
    for (int j = 0; j < vector_columns; j += 8) {
        int i = 0;
        for (; i + 4 <= m; i += 4) dense_tile(4, transpose_a, i, j, k, a, lda, b, ldb, c, ldc);
        switch (m - i) {
        case 1: dense_tile(1, transpose_a, i, j, k, a, lda, b, ldb, c, ldc); break;
        case 2: dense_tile(2, transpose_a, i, j, k, a, lda, b, ldb, c, ldc); break;
        case 3: dense_tile(3, transpose_a, i, j, k, a, lda, b, ldb, c, ldc); break;
        default: break;
        }
    }
    return vector_columns;
}

/// The FMA scalar path for the tail columns: `fmaf` compiled to one instruction.
AVX2 static void dense_tail_fma(
    int transpose_a, int m, int n, int from, int k, const float *a, int lda, const float *b, int ldb, float *c,
    int ldc) {
    for (int i = 0; i < m; i++) {
        for (int j = from; j < n; j++) {
            float sum = 0;
            for (int p = 0; p < k; p++) {
                const float x = transpose_a ? a[p * lda + i] : a[i * lda + p];
                sum = __builtin_fmaf(x, b[p * ldb + j], sum);
            }
            c[i * ldc + j] = sum;
        }
    }
}

static int avx2_supported(void) {
    static int supported = -1;
    if (supported < 0) supported = foresite_lstm_avx2_supported();
    return supported;
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

void foresite_dense_product(
    int transpose_a, int transpose_b, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float *c, int ldc) {
    if (m <= 0 || n <= 0) return;
    float small[1024];
    const float *rows = rows_of_b(transpose_b, n, k, b, &ldb, small, 1024);
#if defined(__x86_64__) || defined(__i386__)
    if (avx2_supported()) {
        const int from = dense_product_avx2(transpose_a, m, n, k, a, lda, rows, ldb, c, ldc);
        dense_tail_fma(transpose_a, m, n, from, k, a, lda, rows, ldb, c, ldc);
    } else {
        dense_product_scalar(transpose_a, m, n, 0, k, a, lda, rows, ldb, c, ldc);
    }
#else
    dense_product_scalar(transpose_a, m, n, 0, k, a, lda, rows, ldb, c, ldc);
#endif
    release(rows, b, small);
}

void foresite_dense_product_portable(
    int transpose_a, int transpose_b, int m, int n, int k, const float *a, int lda, const float *b, int ldb,
    float *c, int ldc) {
    if (m <= 0 || n <= 0) return;
    float small[1024];
    const float *rows = rows_of_b(transpose_b, n, k, b, &ldb, small, 1024);
    dense_product_scalar(transpose_a, m, n, 0, k, a, lda, rows, ldb, c, ldc);
    release(rows, b, small);
}
