// The single-precision tanh both kernel implementations share: the [13/6] rational minimax
// approximation Eigen uses (Eigen 3.4, `generic_fast_tanh_float`), odd numerator over even
// denominator in x², on x clamped to ±7.905… where it reaches ±1 in Float32. Absolute error
// ≤ 2.4e-7 (about 2 ulp near ±1), no exp, no integer tricks, one division. The sigmoid is
// σ(x) = ½ + ½·tanh(x/2), absolute error ≤ 1.2e-7.
#ifndef CLSTMKERNELS_RATIONAL_TANH_H
#define CLSTMKERNELS_RATIONAL_TANH_H

#define TANH_CLAMP 7.90531110763549805f
#define TANH_ALPHA_13 (-2.76076847742355e-16f)
#define TANH_ALPHA_11 2.00018790482477e-13f
#define TANH_ALPHA_9 (-8.60467152213735e-11f)
#define TANH_ALPHA_7 5.12229709037114e-08f
#define TANH_ALPHA_5 1.48572235717979e-05f
#define TANH_ALPHA_3 6.37261928875436e-04f
#define TANH_ALPHA_1 4.89352455891786e-03f
#define TANH_BETA_6 1.19825839466702e-06f
#define TANH_BETA_4 1.18534705686654e-04f
#define TANH_BETA_2 2.26843463243900e-03f
#define TANH_BETA_0 4.89352518554385e-03f

#endif
