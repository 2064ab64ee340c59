import ForesiteCore
import Testing

@testable import ForesiteML

/// The C step kernels: the AVX-512 and AVX2 versions against the portable one on random inputs, and
/// each through the whole network against the independent Double reference.
///
/// Tolerance: the implementations evaluate the same expressions (the same exponential-based σ and tanh,
/// the same summation order) and differ only where FMA skips a rounding: a few 1e-7 on values of order 1.
/// 1e-5 absolute leaves more than an order of magnitude for that and still fails on any wrong column,
/// unit, row or padding entry, which moves values by 1e-2 or more.
@Suite struct LSTMKernelTests {
    static let tolerance: Float = 1e-5

    /// Random values in ±`scale` on the real units of a padded buffer, zero on the padding: `blocks` 4
    /// is gate rows (`width` columns, block b at b · hidden), 1 state rows (`paddedHidden`).
    static func padded(
        _ layout: PaddedGateLayout, rows: Int, blocks: Int, scale: Double, _ generator: inout SeededGenerator
    ) -> [Float] {
        let stride = blocks == 4 ? layout.width : layout.paddedHidden
        var values = [Float](repeating: 0, count: rows * stride)
        for row in 0..<rows {
            for block in 0..<blocks {
                for unit in 0..<layout.hidden {
                    values[row * stride + block * layout.hidden + unit] = Float((generator.nextUnit() * 2 - 1) * scale)
                }
            }
        }
        return values
    }

    static func expectClose(_ a: [Float], _ b: [Float], _ what: String) {
        #expect(a.count == b.count)
        let worst = zip(a, b).map { abs($0 - $1) }.max() ?? 0
        #expect(worst <= tolerance, "\(what): largest difference \(worst)")
    }

    /// The vector implementations this CPU runs.
    static var vectorImplementations: [LSTMKernels.Implementation] { LSTMKernels.available.filter { $0 != .scalar } }

    /// One forward and one backward step with each implementation; `rows` odd exercises the kernels'
    /// pairing of the last row with itself, the hidden sizes their partial register groups: 40 and 17
    /// (padded to 40 and 24) the AVX-512 steps' fallback to AVX2; 17 and 31 gate rows with padding
    /// columns (68 in 72, 124 in 128); 46 and 64 more than one AVX-512 block of 128 gate columns. The AVX2
    /// forward's product groups of one to five 8-column tiles: 1 (hidden 1), 4 + 2 (12), 4 + 3 (14),
    /// 5 + 4 (17), 5 + 5 + 5 (30), 5 + 5 + 5 + 4 + 4 (46).
    @Test(
        .enabled(if: !vectorImplementations.isEmpty, "this CPU has no AVX2/FMA"),
        arguments: [(30, 5), (12, 3), (40, 4), (1, 1), (17, 6), (64, 3), (31, 3), (46, 2), (14, 3)])
    func vectorAgreesWithScalar(hidden: Int, rows: Int) {
        let layout = PaddedGateLayout(hidden: hidden)
        var generator = SeededGenerator(seed: UInt64(hidden * 100 + rows))
        let features = 3
        let inputs = (0..<(rows * features)).map { _ in Float(generator.nextUnit() * 2 - 1) }
        let kernel = Self.padded(layout, rows: features, blocks: 4, scale: 0.5, &generator)
        let recurrent = Self.padded(layout, rows: hidden, blocks: 4, scale: 0.5, &generator)
        let bias = Self.padded(layout, rows: 1, blocks: 4, scale: 1, &generator)
        let previousHidden = Self.padded(layout, rows: rows, blocks: 1, scale: 1, &generator)
        let previousCell = Self.padded(layout, rows: rows, blocks: 1, scale: 2, &generator)
        let hiddenGradient = Self.padded(layout, rows: rows, blocks: 1, scale: 1, &generator)
        let cellGradient = Self.padded(layout, rows: rows, blocks: 1, scale: 1, &generator)
        var transposed = [Float](repeating: 0, count: layout.width * layout.paddedHidden)
        for j in 0..<layout.width {
            for k in 0..<hidden { transposed[j * layout.paddedHidden + k] = recurrent[k * layout.width + j] }
        }

        func run(_ implementation: LSTMKernels.Implementation) -> [String: [Float]] {
            var gates = [Float](repeating: 0, count: rows * layout.width)
            var cells = [Float](repeating: 0, count: rows * layout.paddedHidden)
            var tanh = cells
            var hiddens = cells
            var dh = hiddenGradient
            var dc = cellGradient
            var dz = [Float](repeating: 0, count: rows * layout.width)
            // Non-zero starting sums, as after an earlier step.
            var kernelGradient = kernel
            var recurrentGradient = recurrent
            var biasGradient = bias
            kernel.withUnsafeBufferPointer { w in
                recurrent.withUnsafeBufferPointer { u in
                    bias.withUnsafeBufferPointer { b in
                        let weights = LSTMKernels.PaddedWeights(
                            kernel: w.baseAddress!, recurrent: u.baseAddress!, bias: b.baseAddress!)
                        LSTMKernels.forwardStep(
                            implementation, rows: rows, features: features, recurrentRows: hidden, layout: layout,
                            inputs: inputs, weights: weights, previousHidden: previousHidden,
                            previousCell: previousCell, gates: &gates, cells: &cells, cellTanh: &tanh,
                            hiddens: &hiddens)
                    }
                }
            }
            LSTMKernels.backwardStep(
                implementation, rows: rows, layout: layout, recurrentTransposed: transposed, gates: gates,
                previousCell: previousCell, cellTanh: tanh, hiddenGradient: &dh, cellGradient: &dc,
                gateGradients: &dz, propagate: true)
            LSTMKernels.accumulateWeightGradients(
                implementation, rows: rows, features: features, recurrentRows: hidden, layout: layout,
                inputs: inputs, previousHidden: previousHidden, gateGradients: dz, kernel: &kernelGradient,
                recurrent: &recurrentGradient, bias: &biasGradient)
            return [
                "gates": gates, "cells": cells, "tanh": tanh, "hiddens": hiddens, "dh": dh, "dc": dc, "dz": dz,
                "kernel gradient": kernelGradient, "recurrent gradient": recurrentGradient,
                "bias gradient": biasGradient,
            ]
        }
        let portable = run(.scalar)
        for implementation in Self.vectorImplementations {
            let fast = run(implementation)
            for (name, values) in portable {
                Self.expectClose(fast[name]!, values, "\(implementation) \(name)")
            }
            // Padding units and gate columns stay exactly zero, which is what keeps them out of the real units.
            for name in ["cells", "hiddens", "dh", "dc"] {
                for (index, value) in fast[name]!.enumerated() where index % layout.paddedHidden >= hidden {
                    #expect(value == 0, "\(implementation) \(name)[\(index)] is padding")
                }
            }
            for name in ["dz", "kernel gradient", "recurrent gradient", "bias gradient"] {
                for (index, value) in fast[name]!.enumerated() where index % layout.width >= 4 * hidden {
                    #expect(value == 0, "\(implementation) \(name)[\(index)] is padding")
                }
            }
            // A non-trivial case: the activations moved away from σ(0) and the gradients are not all zero.
            #expect(fast["dz"]!.contains { abs($0) > 1e-2 })
        }
        // The AVX-512 and AVX2 versions perform the same operations in the same order: the same bits.
        if Self.vectorImplementations.count == 2 {
            let (wide, narrow) = (run(.avx512), run(.avx2))
            for (name, values) in narrow {
                #expect(wide[name]!.map(\.bitPattern) == values.map(\.bitPattern), "avx512 \(name) differs from avx2")
            }
        }
    }

    /// Every implementation through the whole network equals the Double reference (the scalar path
    /// would otherwise only be exercised on CPUs without AVX2).
    @Test(arguments: LSTMKernels.available)
    func networkMatchesScalarReference(implementation: LSTMKernels.Implementation) throws {
        let architecture = Architecture(window: 5, features: 3, hidden: 11, dense: 4, outputs: 2)
        var network = try Network(architecture: architecture, seed: 3)
        var generator = SeededGenerator(seed: 17)
        for index in network.parameters.indices {
            network.parameters[index] += Float((generator.nextUnit() - 0.5) * 0.4)
        }
        let windows = (0..<3).map { _ in (0..<5).map { _ in (0..<3).map { _ in generator.nextUnit() * 2 - 1 } } }
        let workspace = BatchWorkspace(
            architecture: architecture, capacity: 3, purpose: .inference, implementation: implementation)
        for (row, window) in windows.enumerated() {
            window.flatMap { $0.map { Float($0) } }.withUnsafeBufferPointer {
                workspace.loadWindow($0.baseAddress!, row: row, batch: 3)
            }
        }
        network.parameters.withUnsafeBufferPointer { workspace.forward($0.baseAddress!, batch: 3) }
        for (row, window) in windows.enumerated() {
            let expected = ScalarReference.outputs(network, window: window)
            for unit in 0..<2 {
                #expect(abs(Double(workspace.outputs[row * 2 + unit]) - expected[unit]) < 1e-5)
            }
        }
    }

    /// A whole backward pass (dense layers, every time step, the unpadded weight gradients) gives the
    /// same gradients with every implementation; with the gradient check on the preferred one, this
    /// covers the scalar fallback's backward path too. Batch 5 is odd, hidden 11 is not a multiple of 8.
    @Test(.enabled(if: !vectorImplementations.isEmpty, "this CPU has no AVX2/FMA"))
    func wholeBackwardPassAgrees() throws {
        let architecture = Architecture(window: 6, features: 4, hidden: 11, dense: 5, outputs: 3)
        var network = try Network(architecture: architecture, seed: 21)
        var generator = SeededGenerator(seed: 8)
        func uniform(_ scale: Double) -> Float { Float((generator.nextUnit() * 2 - 1) * scale) }
        for index in network.parameters.indices { network.parameters[index] += uniform(0.3) }
        let windows = (0..<5).map { _ in (0..<(6 * 4)).map { _ in uniform(1) } }
        let targets = (0..<(5 * 3)).map { _ in uniform(1) }

        func gradients(_ implementation: LSTMKernels.Implementation) -> [Float] {
            let workspace = BatchWorkspace(architecture: architecture, capacity: 5, implementation: implementation)
            for (row, window) in windows.enumerated() {
                window.withUnsafeBufferPointer { workspace.loadWindow($0.baseAddress!, row: row, batch: 5) }
            }
            var result = [Float](repeating: 0, count: network.parameters.count)
            network.parameters.withUnsafeBufferPointer { theta in
                targets.withUnsafeBufferPointer { y in
                    result.withUnsafeMutableBufferPointer { g in
                        workspace.forward(theta.baseAddress!, batch: 5)
                        workspace.backward(
                            theta.baseAddress!, targets: y.baseAddress!, batch: 5, gradients: g.baseAddress!)
                    }
                }
            }
            return result
        }
        let portable = gradients(.scalar)
        for implementation in Self.vectorImplementations {
            let fast = gradients(implementation)
            Self.expectClose(fast, portable, "\(implementation) gradients")
            #expect(fast.contains { abs($0) > 1e-2 })
        }
    }

    @Test func paddingRoundTripsAndTransposes() {
        let layout = PaddedGateLayout(hidden: 3)
        #expect(layout.paddedHidden == 8 && layout.width == 16)
        let matrix = (0..<(2 * 12)).map { Float($0 + 1) }
        var padded = [Float](repeating: 0, count: 2 * layout.width)
        layout.pad(matrix, rows: 2, into: &padded)
        #expect(padded[3] == 4 && padded[layout.width + 9] == 22 && padded[12] == 0)
        var back = [Float](repeating: 0, count: matrix.count)
        layout.unpad(padded, rows: 2, into: &back)
        #expect(back == matrix)
        let recurrent = (0..<(3 * 12)).map { Float($0) }
        var transposed = [Float](repeating: -1, count: layout.width * layout.paddedHidden)
        layout.padTransposed(recurrent, into: &transposed)
        // Uᵀ(f-block unit 2, k = 1) = U(1, 3 + 2).
        #expect(transposed[(3 + 2) * 8 + 1] == recurrent[1 * 12 + 5])
    }
}
