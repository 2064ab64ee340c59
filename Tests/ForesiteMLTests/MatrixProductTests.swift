import CLSTMKernels
import ForesiteCore
import Testing

@testable import ForesiteML

/// The dense layers' products (`MatrixProduct`, `foresite_dense_product`): against a Double reference, and
/// the CPU's own path (AVX2 tiles and FMA tails where it has them) against the portable `fmaf` one, bit for bit.
@Suite struct MatrixProductTests {
    /// One product's operands, stored with row strides wider than the rows (as the network's padded states are).
    struct Operands {
        let m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool
        let a: [Float], lda: Int, b: [Float], ldb: Int, ldc: Int

        init(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool, seed: UInt64) {
            (self.m, self.n, self.k, self.transposeA, self.transposeB) = (m, n, k, transposeA, transposeB)
            var generator = SeededGenerator(seed: seed)
            // Stored A is m × k, or k × m when transposed; stored B k × n, or n × k.
            let (aRows, aColumns) = transposeA ? (k, m) : (m, k)
            let (bRows, bColumns) = transposeB ? (n, k) : (k, n)
            (lda, ldb, ldc) = (aColumns + 3, bColumns + 2, n + 5)
            a = (0..<(aRows * lda)).map { _ in Float(generator.nextUnit() * 2 - 1) }
            b = (0..<(bRows * ldb)).map { _ in Float(generator.nextUnit() * 2 - 1) }
        }

        func a(_ i: Int, _ p: Int) -> Float { transposeA ? a[p * lda + i] : a[i * lda + p] }
        func b(_ p: Int, _ j: Int) -> Float { transposeB ? b[j * ldb + p] : b[p * ldb + j] }

        /// C from `product`, its padding columns holding a sentinel the product must leave alone.
        func run(
            _ product: (
                Int32, Int32, Int32, Int32, Int32, UnsafePointer<Float>, Int32, UnsafePointer<Float>, Int32,
                UnsafeMutablePointer<Float>, Int32
            ) -> Void
        ) -> [Float] {
            var c = [Float](repeating: 7, count: m * ldc)
            c.withUnsafeMutableBufferPointer { out in
                product(
                    transposeA ? 1 : 0, transposeB ? 1 : 0, Int32(m), Int32(n), Int32(k), a, Int32(lda), b,
                    Int32(ldb), out.baseAddress!, Int32(ldc))
            }
            return c
        }
    }

    /// The network's six shapes at batch 32 (hidden 30, dense 10, outputs 10), odd sizes for the AVX2
    /// path's row and column tails, and a transposed B too large for the kernel's stack copy (40 × 30 > 1024).
    static let shapes: [(m: Int, n: Int, k: Int, transposeA: Bool, transposeB: Bool)] = [
        (32, 10, 30, false, false), (32, 10, 10, false, false), (10, 10, 32, true, false),
        (32, 10, 10, false, true), (30, 10, 32, true, false), (32, 30, 10, false, true),
        (7, 17, 5, false, false), (3, 8, 1, true, true), (1, 1, 9, false, false), (13, 24, 40, true, true),
        (5, 30, 40, false, true),
    ]

    @Test(arguments: shapes.indices)
    func matchesTheReferenceBitForBitOnEveryPath(index: Int) {
        let shape = Self.shapes[index]
        let operands = Operands(
            m: shape.m, n: shape.n, k: shape.k, transposeA: shape.transposeA, transposeB: shape.transposeB,
            seed: UInt64(index + 1))
        let fast = operands.run(foresite_dense_product)
        let portable = operands.run(foresite_dense_product_portable)
        #expect(fast.map(\.bitPattern) == portable.map(\.bitPattern), "shape \(shape)")
        for i in 0..<shape.m {
            for j in 0..<operands.ldc {
                let value = fast[i * operands.ldc + j]
                guard j < shape.n else {
                    #expect(value == 7, "padding column \(j) of row \(i) written")
                    continue
                }
                // The order the header promises: one fused multiply-add after another over k, from zero.
                var chain: Float = 0
                var exact = 0.0
                for p in 0..<shape.k {
                    chain = chain.addingProduct(operands.a(i, p), operands.b(p, j))
                    exact += Double(operands.a(i, p)) * Double(operands.b(p, j))
                }
                #expect(value == chain, "C[\(i)][\(j)] of shape \(shape): \(value), an FMA chain gives \(chain)")
                #expect(abs(Double(value) - exact) <= 1e-5, "C[\(i)][\(j)] of shape \(shape)")
            }
        }
    }
}
