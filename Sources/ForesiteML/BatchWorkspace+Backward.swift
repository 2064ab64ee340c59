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
        // Where the gate rows have no padding columns (4·hidden a multiple of 8, as for 30 units) the
        // padded layout is the Keras one: the steps add straight into `gradients`, with no copy after.
        let direct = width == 4 * a.hidden
        let (kernelGradient, recurrentGradient, biasGradient) =
            direct
            ? (
                gradients + layout.lstmKernel.lowerBound, gradients + layout.lstmRecurrentKernel.lowerBound,
                gradients + layout.lstmBias.lowerBound
            ) : (paddedKernelGradient, paddedRecurrentGradient, paddedBiasGradient)
        kernelGradient.update(repeating: 0, count: a.features * width)
        recurrentGradient.update(repeating: 0, count: a.hidden * width)
        biasGradient.update(repeating: 0, count: width)
        g.padTransposed(parameters + layout.lstmRecurrentKernel.lowerBound, into: paddedRecurrentTransposed)
        for step in stride(from: window - 1, through: 0, by: -1) {
            let state = step * batch * hp
            LSTMKernels.backwardStep(
                implementation, rows: batch, layout: g, recurrentTransposed: paddedRecurrentTransposed,
                gates: gates + step * batch * width, previousCell: cells + state, cellTanh: cellTanh + state,
                hiddenGradient: hiddenGradient, cellGradient: cellGradient, gateGradients: gateGradients,
                propagate: step > 0)
            // This step's dz is still in L1. Step 0's previous hidden state is the zero initial state:
            // it adds nothing to the recurrent gradient.
            LSTMKernels.accumulateWeightGradients(
                implementation, rows: batch, features: a.features, recurrentRows: step == 0 ? 0 : a.hidden,
                layout: g, inputs: inputs + step * batch * a.features, previousHidden: hiddens + state,
                gateGradients: gateGradients, kernel: kernelGradient, recurrent: recurrentGradient, bias: biasGradient)
        }
        if !direct {
            g.unpad(paddedKernelGradient, rows: a.features, into: gradients + layout.lstmKernel.lowerBound)
            g.unpad(paddedRecurrentGradient, rows: a.hidden, into: gradients + layout.lstmRecurrentKernel.lowerBound)
            g.unpad(paddedBiasGradient, rows: 1, into: gradients + layout.lstmBias.lowerBound)
        }
    }
}
