// The single-precision exp both kernel implementations share: Cephes's range reduction
// x = n·ln 2 + r (|r| ≤ ln 2 / 2, ln 2 split in two parts so n·ln 2 is exact) and its degree-6
// polynomial, accurate to about 2 ulp. The same constants as ForesiteML's `VectorActivation`.
#ifndef CLSTMKERNELS_CEPHES_EXP_H
#define CLSTMKERNELS_CEPHES_EXP_H

#define CEPHES_EXP_LOWEST (-87.3f)
#define CEPHES_EXP_HIGHEST 88.3f
#define CEPHES_LOG2E 1.44269504f
#define CEPHES_LN2_HIGH 0.693359375f
#define CEPHES_LN2_LOW (-2.12194440e-4f)
#define CEPHES_P0 1.9875691e-4f
#define CEPHES_P1 1.3981999e-3f
#define CEPHES_P2 8.3334520e-3f
#define CEPHES_P3 4.1665796e-2f
#define CEPHES_P4 1.6666665e-1f
#define CEPHES_P5 5.0000000e-1f

#endif
