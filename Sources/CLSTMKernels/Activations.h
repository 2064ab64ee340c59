// The single-precision activations the kernel implementations share, built on one exponential:
// 2^y = 2^n · 2^f with n = round(y), ties to even (scalar code: the 1.5·2²³ rounding trick, whose sum
// also carries n in its low mantissa bits; vector code: `vroundps`/`vrndscaleps`, the same n), and 2^f,
// f ∈ [−½, ½], a degree-5 polynomial (minimax in relative error, fitted for this file: 9.1e-8 before
// rounding, 1.7e-7 measured in Float32 with FMA); 2^n is added to the exponent field (AVX-512:
// `vscalefps`, the same result). y is clamped to ±100, which keeps 2^n a normal number (AVX-512 clamps
// above only: `vscalefps` takes any n).
//
//   σ(x) = 1 / (1 + 2^(−x·log₂e))            absolute error ≤ 1.1e-7 (every Float32, FMA evaluation)
//   tanh(x) = (1 − e) / (1 + e), e = 2^(−2x·log₂e)   absolute error ≤ 1.4e-7
//
// (the rational tanh this replaced: 1.2e-7 and 2.4e-7).
//
// The forward step's weights are padded with the factors −log₂e (σ gates) and −2·log₂e (c̃) folded in,
// so the gates' products deliver y directly (one multiply less per gate; only tanh c multiplies).
// tanh(0) = 0 exactly, so padding units (gates read as 0) stay at h = c = 0. Per activation: five FMAs
// (on the FMA pipes the matrix products need), the rest adds, integer ops and one IEEE division (its
// own unit, and exactly rounded on every CPU: a reciprocal estimate and a Newton step, tried with AVX-512,
// took three FMA-pipe operations and made the forward step 3 % slower).
// The rational [13/6] tanh used before (Eigen's) took eleven multiplies and FMAs for the same accuracy.
#ifndef CLSTMKERNELS_ACTIVATIONS_H
#define CLSTMKERNELS_ACTIVATIONS_H

#define EXP2_LIMIT 100.0f
#define EXP2_ROUND 12582912.0f
#define EXP2_C1 0.6931470036506653f
#define EXP2_C2 0.24022242426872253f
#define EXP2_C3 0.05550733581185341f
#define EXP2_C4 0.009671512991189957f
#define EXP2_C5 0.001326472731307149f
#define MINUS_LOG2E (-1.44269504088896341f)
#define MINUS_2LOG2E (-2.88539008177792682f)

#endif
