// The FMA throughput probe of FMAPeak.h. The AVX-512 and AVX2 loops carry their own target attributes,
// so they compile for every x86-64 CPU and run only where `foresite_fma_probe_widest` says they can.
#include "FMAPeak.h"

// acc ← acc·a + b converges to b / (1 − a) = 1: no overflow, no denormals, whatever the iteration count.
#define PROBE_A 0.9999999f
#define PROBE_B 1.0e-7f

static float probe_portable(long iterations) {
    float acc[8] = {0.1f, 0.2f, 0.3f, 0.4f, 0.5f, 0.6f, 0.7f, 0.8f};
    volatile float a_source = PROBE_A, b_source = PROBE_B;
    const float a = a_source, b = b_source;
    for (long i = 0; i < iterations; i++) {
        for (int k = 0; k < 8; k++) acc[k] = acc[k] * a + b;
    }
    float sum = 0;
    for (int k = 0; k < 8; k++) sum += acc[k];
    return sum;
}

#if defined(__x86_64__) || defined(__i386__)
#include <immintrin.h>

int foresite_fma_probe_widest(void) {
    __builtin_cpu_init();
    if (__builtin_cpu_supports("avx512f")) return 3;
    if (__builtin_cpu_supports("avx2") && __builtin_cpu_supports("fma")) return 2;
    return 0;
}

/// 16 zmm accumulators: Zen 4 and the Intel server cores need at least 8 (latency 4 × 2 pipes).
__attribute__((target("avx512f"))) static float probe_avx512(long iterations) {
    volatile float a_source = PROBE_A, b_source = PROBE_B;
    const __m512 a = _mm512_set1_ps(a_source), b = _mm512_set1_ps(b_source);
    __m512 acc[16];
    for (int k = 0; k < 16; k++) acc[k] = _mm512_set1_ps(0.05f * (float)(k + 1));
    for (long i = 0; i < iterations; i++) {
        for (int k = 0; k < 16; k++) acc[k] = _mm512_fmadd_ps(acc[k], a, b);
    }
    __m512 sum = acc[0];
    for (int k = 1; k < 16; k++) sum = _mm512_add_ps(sum, acc[k]);
    return _mm512_reduce_add_ps(sum);
}

/// 12 ymm accumulators (of 16 registers; two hold a and b): at least 8 needed on every AVX2 core.
__attribute__((target("avx2,fma"))) static float probe_avx2(long iterations) {
    volatile float a_source = PROBE_A, b_source = PROBE_B;
    const __m256 a = _mm256_set1_ps(a_source), b = _mm256_set1_ps(b_source);
    __m256 acc[12];
    for (int k = 0; k < 12; k++) acc[k] = _mm256_set1_ps(0.05f * (float)(k + 1));
    for (long i = 0; i < iterations; i++) {
        for (int k = 0; k < 12; k++) acc[k] = _mm256_fmadd_ps(acc[k], a, b);
    }
    __m256 sum = acc[0];
    for (int k = 1; k < 12; k++) sum = _mm256_add_ps(sum, acc[k]);
    float lanes[8];
    _mm256_storeu_ps(lanes, sum);
    float total = 0;
    for (int k = 0; k < 8; k++) total += lanes[k];
    return total;
}

float foresite_fma_probe_run(int unit, long iterations) {
    const int widest = foresite_fma_probe_widest();
    if (unit == 3 && widest >= 3) return probe_avx512(iterations);
    if (unit == 2 && widest >= 2) return probe_avx2(iterations);
    return probe_portable(iterations);
}

long foresite_fma_probe_flops_per_iteration(int unit) {
    const int widest = foresite_fma_probe_widest();
    if (unit == 3 && widest >= 3) return 16 * 16 * 2;
    if (unit == 2 && widest >= 2) return 12 * 8 * 2;
    return 8 * 2;
}

#else

int foresite_fma_probe_widest(void) { return 0; }

float foresite_fma_probe_run(int unit, long iterations) {
    (void)unit;
    return probe_portable(iterations);
}

long foresite_fma_probe_flops_per_iteration(int unit) {
    (void)unit;
    return 8 * 2;
}

#endif
