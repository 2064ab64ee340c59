/// Scratch memory for one forward and backward pass over a batch of up to `capacity` windows.
///
/// Allocated once per training (or batched prediction) so the epoch loop never allocates. All
/// per-time-step tensors are time-major (`t · batch + row`), which lets the input projection
/// `X·W` of the whole batch and all steps run as one `sgemm`, and the weight gradients `Xᵀ·dZ`
/// and `Hᵀ·dZ` as one `sgemm` each after the backward sweep.
/// Not thread-safe: each training owns its workspace.
final class BatchWorkspace {
    let architecture: Architecture
    let capacity: Int
    /// Inputs, `window × batch × features`.
    let inputs: UnsafeMutablePointer<Float>
    /// Gate pre-activations, then (after the step) activations i, f, c̃, o: `window × batch × 4·hidden`.
    let gates: UnsafeMutablePointer<Float>
    /// Cell and hidden states, `(window + 1) × batch × hidden`; step 0 is the zero initial state.
    let cells: UnsafeMutablePointer<Float>
    let hiddens: UnsafeMutablePointer<Float>
    /// tanh of each cell state, kept for the backward pass: `window × batch × hidden`.
    let cellTanh: UnsafeMutablePointer<Float>
    /// Dense layer output after ReLU, `batch × dense`, and the network output, `batch × outputs`.
    let denseActivations: UnsafeMutablePointer<Float>
    let outputs: UnsafeMutablePointer<Float>
    /// Gradients w.r.t. the gate pre-activations, the hidden and cell state, and the layer outputs.
    let gateGradients: UnsafeMutablePointer<Float>
    let hiddenGradient: UnsafeMutablePointer<Float>
    let cellGradient: UnsafeMutablePointer<Float>
    let denseGradient: UnsafeMutablePointer<Float>
    let outputGradient: UnsafeMutablePointer<Float>

    private var allocations: [UnsafeMutablePointer<Float>] = []

    init(architecture: Architecture, capacity: Int) {
        BLAS.prepare()
        self.architecture = architecture
        self.capacity = capacity
        let a = architecture
        var allocated: [UnsafeMutablePointer<Float>] = []
        func buffer(_ count: Int) -> UnsafeMutablePointer<Float> {
            let pointer = UnsafeMutablePointer<Float>.allocate(capacity: max(count, 1))
            pointer.initialize(repeating: 0, count: max(count, 1))
            allocated.append(pointer)
            return pointer
        }
        inputs = buffer(a.window * capacity * a.features)
        gates = buffer(a.window * capacity * a.gates)
        cells = buffer((a.window + 1) * capacity * a.hidden)
        hiddens = buffer((a.window + 1) * capacity * a.hidden)
        cellTanh = buffer(a.window * capacity * a.hidden)
        denseActivations = buffer(capacity * a.dense)
        outputs = buffer(capacity * a.outputs)
        gateGradients = buffer(a.window * capacity * a.gates)
        hiddenGradient = buffer(capacity * a.hidden)
        cellGradient = buffer(capacity * a.hidden)
        denseGradient = buffer(capacity * a.dense)
        outputGradient = buffer(capacity * a.outputs)
        allocations = allocated
    }

    deinit {
        for pointer in allocations { pointer.deallocate() }
    }

    /// Runs the network on the `batch` windows in `inputs`; results land in `outputs` (`batch × outputs`).
    func forward(_ parameters: UnsafePointer<Float>, batch: Int) {
        precondition(batch >= 1 && batch <= capacity, "batch \(batch) exceeds the workspace")
        let a = architecture
        let layout = ParameterLayout(a)
        let (window, hidden, gateWidth) = (a.window, a.hidden, a.gates)
        let kernel = parameters + layout.lstmKernel.lowerBound
        let recurrent = parameters + layout.lstmRecurrentKernel.lowerBound
        let bias = parameters + layout.lstmBias.lowerBound

        // Input projection of every step of every window at once: (window·batch × features)·(features × 4h).
        BLAS.gemm(
            false, false, m: window * batch, n: gateWidth, k: a.features,
            inputs, lda: a.features, kernel, ldb: gateWidth, beta: 0, gates, ldc: gateWidth)
        cells.update(repeating: 0, count: batch * hidden)
        hiddens.update(repeating: 0, count: batch * hidden)

        for step in 0..<window {
            let z = gates + step * batch * gateWidth
            BLAS.gemm(
                false, false, m: batch, n: gateWidth, k: hidden,
                hiddens + step * batch * hidden, lda: hidden, recurrent, ldb: gateWidth, beta: 1, z, ldc: gateWidth)
            LSTMCell.forward(
                gates: z, bias: bias, previousCells: cells + step * batch * hidden,
                cells: cells + (step + 1) * batch * hidden, cellTanh: cellTanh + step * batch * hidden,
                hiddens: hiddens + (step + 1) * batch * hidden, rows: batch, hidden: hidden)
        }
        DenseLayers.forward(parameters, layout: layout, workspace: self, batch: batch)
    }

    /// Mean squared error of `outputs` against `targets` (`batch × outputs`), summed in Double.
    func loss(targets: UnsafePointer<Float>, batch: Int) -> Double {
        let count = batch * architecture.outputs
        var sum = 0.0
        for index in 0..<count {
            let difference = Double(outputs[index] - targets[index])
            sum += difference * difference
        }
        return sum / Double(count)
    }

    /// Backpropagation through time of the MSE loss after `forward`; overwrites `gradients` (one
    /// value per parameter, same layout).
    func backward(
        _ parameters: UnsafePointer<Float>, targets: UnsafePointer<Float>, batch: Int,
        gradients: UnsafeMutablePointer<Float>
    ) {
        let a = architecture
        let layout = ParameterLayout(a)
        let (window, hidden, gateWidth) = (a.window, a.hidden, a.gates)
        // Keras's MSE: mean over the outputs, then over the batch.
        let scale = 2 / Float(batch * a.outputs)
        for index in 0..<(batch * a.outputs) {
            outputGradient[index] = scale * (outputs[index] - targets[index])
        }
        DenseLayers.backward(parameters, layout: layout, workspace: self, batch: batch, gradients: gradients)

        cellGradient.update(repeating: 0, count: batch * hidden)
        let recurrent = parameters + layout.lstmRecurrentKernel.lowerBound
        for step in stride(from: window - 1, through: 0, by: -1) {
            let dz = gateGradients + step * batch * gateWidth
            LSTMCell.backward(
                gates: gates + step * batch * gateWidth, previousCells: cells + step * batch * hidden,
                cellTanh: cellTanh + step * batch * hidden, hiddenGradient: hiddenGradient,
                cellGradient: cellGradient, gateGradients: dz, rows: batch, hidden: hidden)
            if step > 0 {
                BLAS.gemm(
                    false, true, m: batch, n: hidden, k: gateWidth,
                    dz, lda: gateWidth, recurrent, ldb: gateWidth, beta: 0, hiddenGradient, ldc: hidden)
            }
        }
        let rows = window * batch
        BLAS.gemm(
            true, false, m: a.features, n: gateWidth, k: rows, inputs, lda: a.features, gateGradients,
            ldb: gateWidth, beta: 0, gradients + layout.lstmKernel.lowerBound, ldc: gateWidth)
        // Hidden states 0 … window−1 are the "previous" states of steps 1 … window.
        BLAS.gemm(
            true, false, m: hidden, n: gateWidth, k: rows, hiddens, lda: hidden, gateGradients,
            ldb: gateWidth, beta: 0, gradients + layout.lstmRecurrentKernel.lowerBound, ldc: gateWidth)
        ColumnSums.compute(
            gateGradients, rows: rows, columns: gateWidth, into: gradients + layout.lstmBias.lowerBound)
    }
}
