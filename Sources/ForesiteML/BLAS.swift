import COpenBLAS

/// The one door to OpenBLAS: row-major single-precision matrix products.
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

    /// y ← α·xᵀ·A + β·y for a row vector x of length m and A m × n row-major (the one-row case of
    /// `gemm`, which OpenBLAS serves with far less overhead; used for single-window prediction).
    @inline(__always)
    static func gemvRow(
        m: Int, n: Int, _ x: UnsafePointer<Float>, _ a: UnsafePointer<Float>, lda: Int, beta: Float,
        _ y: UnsafeMutablePointer<Float>
    ) {
        cblas_sgemv(CblasRowMajor, CblasTrans, Int32(m), Int32(n), 1, a, Int32(lda), x, 1, beta, y, 1)
    }
}
