// A probe of the core's peak single-precision FMA throughput, the floor the LSTM kernels are measured
// against: many independent accumulators (more than FMA latency × FMA pipes), so the loop is bound by
// how many FMAs the core retires per cycle, not by the latency of one. Each function returns a value
// derived from every accumulator so that no work can be optimised away.
#ifndef CLSTMKERNELS_FMA_PEAK_H
#define CLSTMKERNELS_FMA_PEAK_H

#ifdef __cplusplus
extern "C" {
#endif

/// The widest vector unit this CPU runs at run time: 3 = AVX-512F, 2 = AVX2 + FMA, 0 = neither.
int foresite_fma_probe_widest(void);

/// `iterations` rounds of FMAs on independent accumulators: each round is
/// `foresite_fma_probe_flops_per_iteration(unit)` single-precision FLOPs (one FMA = 2 FLOPs).
/// `unit` is 3 (AVX-512F: 16 zmm accumulators × 16 lanes), 2 (AVX2: 12 ymm × 8 lanes) or 0 (portable C:
/// 8 scalar multiply-adds, which the compiler may or may not fuse or vectorise). A unit the CPU lacks
/// falls back to the portable loop.
float foresite_fma_probe_run(int unit, long iterations);
long foresite_fma_probe_flops_per_iteration(int unit);

#ifdef __cplusplus
}
#endif

#endif
