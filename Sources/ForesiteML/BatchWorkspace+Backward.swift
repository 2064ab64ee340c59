extension BatchWorkspace {
    /// Backpropagation through time of the MSE loss after `forward`; overwrites `gradients` (one
    /// value per parameter, same layout).
    func backward(
        _ parameters: UnsafePointer<Float>, targets: UnsafePointer<Float>, batch: Int,
        gradients: UnsafeMutablePointer<Float>
    ) {
        precondition(isTraining, "backward needs a training workspace")
        let a = architecture
        let layout = ParameterLayout(a)
        let g = gateLayout
        let (window, hp, width) = (a.window, g.paddedHidden, g.width)
        // Keras's MSE: mean over the outputs, then over the batch.
        let scale = 2 / Float(batch * a.outputs)
        for index in 0..<(batch * a.outputs) {
            outputGradient[index] = scale * (outputs[index] - targets[index])
        }
        DenseLayers.backward(parameters, layout: layout, workspace: self, batch: batch, gradients: gradients)

        cellGradient.update(repeating: 0, count: batch * hp)
        g.padTransposed(parameters + layout.lstmRecurrentKernel.lowerBound, into: paddedRecurrentTransposed)
        for step in stride(from: window - 1, through: 0, by: -1) {
            let state = step * batch * hp
            LSTMKernels.backwardStep(
                implementation, rows: batch, layout: g, recurrentTransposed: paddedRecurrentTransposed,
                gates: gates + step * batch * width, previousCell: cells + state, cellTanh: cellTanh + state,
                hiddenGradient: hiddenGradient, cellGradient: cellGradient,
                gateGradients: gateGradients + step * batch * width, propagate: step > 0)
        }

        let rows = window * batch
        BLAS.gemm(
            true, false, m: a.features, n: width, k: rows, inputs, lda: a.features, gateGradients,
            ldb: width, beta: 0, paddedGradient, ldc: width)
        g.unpad(paddedGradient, rows: a.features, into: gradients + layout.lstmKernel.lowerBound)
        // Hidden states 1 … window−1 are the "previous" states of steps 1 … window−1; step 0's is the
        // zero initial state, whose rows would add nothing.
        if window > 1 {
            BLAS.gemm(
                true, false, m: a.hidden, n: width, k: rows - batch, hiddens + batch * hp, lda: hp,
                gateGradients + batch * width, ldb: width, beta: 0, paddedGradient, ldc: width)
        } else {
            paddedGradient.update(repeating: 0, count: a.hidden * width)
        }
        g.unpad(paddedGradient, rows: a.hidden, into: gradients + layout.lstmRecurrentKernel.lowerBound)
        ColumnSums.compute(gateGradients, rows: rows, columns: width, into: paddedGradient)
        g.unpad(paddedGradient, rows: 1, into: gradients + layout.lstmBias.lowerBound)
    }
}
