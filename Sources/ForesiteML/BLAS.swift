import COpenBLAS

/// The one door to OpenBLAS: row-major single-precision matrix products, used for the dense layers
/// (the LSTM's time steps run in `LSTMKernels`).
///
/// OpenBLAS is pinned to one thread the first time it is used: training must be single-core and
/// bit-reproducible, and parallelism comes from running independent trainings on separate threads.
enum BLAS {
    private static let pinnedToOneThread: Bool = {
        openblas_set_num_threads(1)
        return true
    }()

    /// Pins OpenBLAS to one thread; cheap after the first call.
    static func prepare() {
        precondition(pinnedToOneThread)
    }

    /// C ← α·op(A)·op(B) + β·C with op(A) m × k, op(B) k × n, C m × n, all row-major.
    @inline(__always)
    static func gemm(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float = 1, _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        beta: Float, _ c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        cblas_sgemm(
            CblasRowMajor, transposeA ? CblasTrans : CblasNoTrans, transposeB ? CblasTrans : CblasNoTrans,
            Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }
}
