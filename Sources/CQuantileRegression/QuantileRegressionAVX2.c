// The AVX2 row loops of CQuantileRegression.h. Compiled for every x86-64 CPU (the functions carry their own
// target attribute), called only where `foresite_quantile_avx2_supported` says the CPU has AVX2. Other
// architectures get stubs that are never called.
#include "CQuantileRegression.h"

#pragma STDC FP_CONTRACT OFF

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>
#include <math.h>

#define AVX2 __attribute__((target("avx2")))

int foresite_quantile_avx2_supported(void) { return __builtin_cpu_supports("avx2"); }

// Rows [start, end) of the weights' pass. |u| clears the sign bit, as Swift's abs does.
static AVX2 void weigh(
    const double *columns, const double *y, const double *b, long n, long d, double epsilon, long start, long end,
    double *weighted) {
    const __m256d one = _mm256_set1_pd(1), smoothing = _mm256_set1_pd(epsilon), sign = _mm256_set1_pd(-0.0);
    long i = start;
    // Eight rows a step: two independent chains of subtractions and divisions, whose latencies one alone
    // would wait out.
    for (; i + 8 <= end; i += 8) {
        __m256d low = _mm256_loadu_pd(y + i), high = _mm256_loadu_pd(y + i + 4);
        for (long j = 0; j < d; j++) {
            const __m256d coefficient = _mm256_set1_pd(b[j]);
            low = _mm256_sub_pd(low, _mm256_mul_pd(coefficient, _mm256_loadu_pd(columns + j * n + i)));
            high = _mm256_sub_pd(high, _mm256_mul_pd(coefficient, _mm256_loadu_pd(columns + j * n + i + 4)));
        }
        const __m256d low_weight = _mm256_div_pd(one, _mm256_add_pd(smoothing, _mm256_andnot_pd(sign, low)));
        const __m256d high_weight = _mm256_div_pd(one, _mm256_add_pd(smoothing, _mm256_andnot_pd(sign, high)));
        for (long j = 0; j < d; j++) {
            _mm256_storeu_pd(weighted + j * n + i, _mm256_mul_pd(low_weight, _mm256_loadu_pd(columns + j * n + i)));
            _mm256_storeu_pd(
                weighted + j * n + i + 4, _mm256_mul_pd(high_weight, _mm256_loadu_pd(columns + j * n + i + 4)));
        }
    }
    for (; i + 4 <= end; i += 4) {
        __m256d residual = _mm256_loadu_pd(y + i);
        for (long j = 0; j < d; j++) {
            const __m256d column = _mm256_loadu_pd(columns + j * n + i);
            residual = _mm256_sub_pd(residual, _mm256_mul_pd(_mm256_set1_pd(b[j]), column));
        }
        const __m256d weight = _mm256_div_pd(one, _mm256_add_pd(smoothing, _mm256_andnot_pd(sign, residual)));
        for (long j = 0; j < d; j++) {
            _mm256_storeu_pd(weighted + j * n + i, _mm256_mul_pd(weight, _mm256_loadu_pd(columns + j * n + i)));
        }
    }
    for (; i < end; i++) {
        double residual = y[i];
        for (long j = 0; j < d; j++) residual -= b[j] * columns[j * n + i];
        const double weight = 1 / (epsilon + fabs(residual));
        for (long j = 0; j < d; j++) weighted[j * n + i] = weight * columns[j * n + i];
    }
}

// Adds the products of rows [start, end) (multiples of 4) to `count` four-lane sums of a against b[p], kept
// in `lanes` between chunks. `count` is a constant at each call below, so every loop over the partners
// unrolls and the sums stay in registers: up to 12 of them, more independent additions per loaded row than
// an addition's latency holds up.
static inline __attribute__((always_inline)) AVX2 void accumulate(
    const double *a, const double *const b[], const int count, long start, long end, double *lanes) {
    __m256d sums[12];
    for (int p = 0; p < count; p++) sums[p] = _mm256_loadu_pd(lanes + 4 * p);
    for (long i = start; i < end; i += 4) {
        const __m256d left = _mm256_loadu_pd(a + i);
        for (int p = 0; p < count; p++) {
            sums[p] = _mm256_add_pd(sums[p], _mm256_mul_pd(left, _mm256_loadu_pd(b[p] + i)));
        }
    }
    for (int p = 0; p < count; p++) _mm256_storeu_pd(lanes + 4 * p, sums[p]);
}

AVX2 void foresite_quantile_normal_equations_avx2(
    const double *columns, const double *y, const double *b, long n, long d, double epsilon, double *weighted,
    double *lanes, double *matrix, double *rhs) {
    // Row j's sums are with columns 0…j, then y: j + 2 of them, four lanes each, after row j − 1's.
    const long pairs = d * (d + 3) / 2;
    for (long k = 0; k < 4 * pairs; k++) lanes[k] = 0;
    const long blocked = n & ~3L;
    // A chunk's columns, weighted columns and y (2d + 1 values a row) stay in the L1 cache from its
    // weights through all its sums; about 24 KB, a multiple of 8 rows.
    long chunk = (24576 / (8 * (2 * d + 1))) & ~7L;
    if (chunk < 8) chunk = 8;
    for (long start = 0; start < n; start += chunk) {
        const long end = start + chunk < n ? start + chunk : n;
        weigh(columns, y, b, n, d, epsilon, start, end, weighted);
        const long stop = end < blocked ? end : blocked;
        double *row_lanes = lanes;
        for (long j = 0; j < d; j++) {
            for (long first = 0; first <= j + 1; first += 12) {
                const double *partners[12];
                int count = 0;
                for (long k = first; k <= j + 1 && count < 12; k++, count++) {
                    partners[count] = k <= j ? columns + k * n : y;
                }
                const double *a = weighted + j * n;
                switch (count) {
                case 1: accumulate(a, partners, 1, start, stop, row_lanes); break;
                case 2: accumulate(a, partners, 2, start, stop, row_lanes); break;
                case 3: accumulate(a, partners, 3, start, stop, row_lanes); break;
                case 4: accumulate(a, partners, 4, start, stop, row_lanes); break;
                case 5: accumulate(a, partners, 5, start, stop, row_lanes); break;
                case 6: accumulate(a, partners, 6, start, stop, row_lanes); break;
                case 7: accumulate(a, partners, 7, start, stop, row_lanes); break;
                case 8: accumulate(a, partners, 8, start, stop, row_lanes); break;
                case 9: accumulate(a, partners, 9, start, stop, row_lanes); break;
                case 10: accumulate(a, partners, 10, start, stop, row_lanes); break;
                case 11: accumulate(a, partners, 11, start, stop, row_lanes); break;
                default: accumulate(a, partners, 12, start, stop, row_lanes); break;
                }
                row_lanes += 4 * count;
            }
        }
    }
    const double *sum_lanes = lanes;
    for (long j = 0; j < d; j++) {
        const double *a = weighted + j * n;
        for (long k = 0; k <= j + 1; k++, sum_lanes += 4) {
            const double *partner = k <= j ? columns + k * n : y;
            double sum = ((sum_lanes[0] + sum_lanes[1]) + sum_lanes[2]) + sum_lanes[3];
            for (long i = blocked; i < n; i++) sum += a[i] * partner[i];
            *(k <= j ? matrix + j * d + k : rhs + j) = sum;
        }
    }
}

#else

int foresite_quantile_avx2_supported(void) { return 0; }

void foresite_quantile_normal_equations_avx2(
    const double *columns, const double *y, const double *b, long n, long d, double epsilon, double *weighted,
    double *lanes, double *matrix, double *rhs) {
    (void)columns;
    (void)y;
    (void)b;
    (void)n;
    (void)d;
    (void)epsilon;
    (void)weighted;
    (void)lanes;
    (void)matrix;
    (void)rhs;
}

#endif
