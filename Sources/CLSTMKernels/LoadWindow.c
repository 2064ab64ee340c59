// The copy of one window into a batch's time-major input (CLSTMKernels.h). A plain loop the compiler may
// not turn into `memcpy` calls: one call per step of a few dozen bytes cost more than the copy itself
// (a fifteenth of a call per window and step, 4.5 million calls in the seed benchmark).
#include "CLSTMKernels.h"

__attribute__((no_builtin("memcpy"), no_builtin("memmove"))) void foresite_load_window(
    int steps, int features, int stride, const float *restrict window, float *restrict destination) {
    for (int step = 0; step < steps; step++) {
        const float *source = window + step * features;
        float *target = destination + step * stride;
        for (int k = 0; k < features; k++) target[k] = source[k];
    }
}
