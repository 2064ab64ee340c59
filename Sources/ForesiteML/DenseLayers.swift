/// The two dense layers after the LSTM: Dense(dense, ReLU) on the last hidden state, then
/// Dense(outputs, linear).
enum DenseLayers {
    static func forward(
        _ parameters: UnsafePointer<Float>, layout: ParameterLayout, workspace w: BatchWorkspace, batch: Int
    ) {
        let a = layout.architecture
        MatrixProduct.multiply(
            false, false, m: batch, n: a.dense, k: a.hidden, w.lastHidden(batch: batch), lda: w.gateLayout.paddedHidden,
            parameters + layout.denseKernel.lowerBound, ldb: a.dense, into: w.denseActivations, ldc: a.dense)
        let denseBias = parameters + layout.denseBias.lowerBound
        for row in 0..<batch {
            let values = w.denseActivations + row * a.dense
            for unit in 0..<a.dense {
                values[unit] = max(values[unit] + denseBias[unit], 0)
            }
        }
        MatrixProduct.multiply(
            false, false, m: batch, n: a.outputs, k: a.dense, w.denseActivations, lda: a.dense,
            parameters + layout.outputKernel.lowerBound, ldb: a.outputs, into: w.outputs, ldc: a.outputs)
        let outputBias = parameters + layout.outputBias.lowerBound
        for row in 0..<batch {
            for unit in 0..<a.outputs {
                w.outputs[row * a.outputs + unit] += outputBias[unit]
            }
        }
    }

    /// From dL/d(output) in `outputGradient`, writes the dense layers' parameter gradients and leaves
    /// dL/dh of the last LSTM step in `hiddenGradient` (its padding columns stay zero).
    static func backward(
        _ parameters: UnsafePointer<Float>, layout: ParameterLayout, workspace w: BatchWorkspace, batch: Int,
        gradients: UnsafeMutablePointer<Float>
    ) {
        let a = layout.architecture
        MatrixProduct.multiply(
            true, false, m: a.dense, n: a.outputs, k: batch, w.denseActivations, lda: a.dense,
            w.outputGradient, ldb: a.outputs, into: gradients + layout.outputKernel.lowerBound, ldc: a.outputs)
        ColumnSums.compute(
            w.outputGradient, rows: batch, columns: a.outputs, into: gradients + layout.outputBias.lowerBound)
        MatrixProduct.multiply(
            false, true, m: batch, n: a.dense, k: a.outputs, w.outputGradient, lda: a.outputs,
            parameters + layout.outputKernel.lowerBound, ldb: a.outputs, into: w.denseGradient, ldc: a.dense)
        // ReLU passes the gradient only where its output was positive.
        for index in 0..<(batch * a.dense) where w.denseActivations[index] <= 0 {
            w.denseGradient[index] = 0
        }
        let hp = w.gateLayout.paddedHidden
        MatrixProduct.multiply(
            true, false, m: a.hidden, n: a.dense, k: batch, w.lastHidden(batch: batch), lda: hp, w.denseGradient,
            ldb: a.dense, into: gradients + layout.denseKernel.lowerBound, ldc: a.dense)
        ColumnSums.compute(
            w.denseGradient, rows: batch, columns: a.dense, into: gradients + layout.denseBias.lowerBound)
        MatrixProduct.multiply(
            false, true, m: batch, n: a.hidden, k: a.dense, w.denseGradient, lda: a.dense,
            parameters + layout.denseKernel.lowerBound, ldb: a.dense, into: w.hiddenGradient, ldc: hp)
    }
}
