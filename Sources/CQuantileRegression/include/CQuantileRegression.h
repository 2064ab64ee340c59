// The two row loops of one step of ForesiteForecast's `QuantileRegression` on AVX2, for CPUs that have it.
//
// Why C: Swift compiles for baseline x86-64, where a SIMD4<Double> is two SSE2 halves; the weighted cross
// products are bound by multiplies and adds, and AVX2 does each four-lane one in a single instruction. The
// operations and their order are Swift's, with no fused multiply-add, so both give the same bits.
#ifndef CQUANTILE_REGRESSION_H
#define CQUANTILE_REGRESSION_H

#ifdef __cplusplus
extern "C" {
#endif

/// 1 if this CPU runs the `_avx2` functions, else 0.
int foresite_quantile_avx2_supported(void);

/// One step's normal equations but for the ridge and the tilt, for n rows and d columns (column-major):
/// uᵢ = yᵢ − b₀xᵢ₀ − b₁xᵢ₁ − … (column order), wᵢ = 1/(ε + |uᵢ|), weighted[j·n + i] = wᵢ · xᵢⱼ, then
/// matrix[j·d + k] = Σᵢ weighted[j·n + i] · xᵢₖ for k ≤ j (the lower triangle, row-major) and
/// rhs[j] = Σᵢ weighted[j·n + i] · yᵢ. Each sum's lane l of four accumulates the products at i ≡ l (mod 4)
/// in increasing i, the lanes are added ((l₀ + l₁) + l₂) + l₃, then the last n mod 4 products in order.
/// `weighted` holds n·d values, `lanes` 2·d·(d + 3) (scratch).
void foresite_quantile_normal_equations_avx2(
    const double *columns, const double *y, const double *b, long n, long d, double epsilon, double *weighted,
    double *lanes, double *matrix, double *rhs);

#ifdef __cplusplus
}
#endif

#endif
