import CLSTMKernels

/// The dense layers' row-major single-precision products, through `foresite_dense_product` (CLSTMKernels):
/// each element of C one chain of fused multiply-adds in order, so the trained weights have the same bits on
/// every CPU that runs the same LSTM kernels (OpenBLAS, used before, chose its summation order by CPU model).
enum MatrixProduct {
    /// C ← op(A)·op(B) with op(A) m × k, op(B) k × n, C m × n, all row-major with row strides lda, ldb, ldc.
    @inline(__always)
    static func multiply(
        _ transposeA: Bool, _ transposeB: Bool, m: Int, n: Int, k: Int,
        _ a: UnsafePointer<Float>, lda: Int, _ b: UnsafePointer<Float>, ldb: Int,
        into c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        foresite_dense_product(
            transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), a, Int32(lda), b, Int32(ldb), c,
            Int32(ldc))
    }
}
