// OpenBLAS's CBLAS interface: the LSTM's batched gate products go through cblas_sgemm.
#include <cblas.h>
