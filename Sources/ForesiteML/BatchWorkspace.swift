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
    /// 1 for the sigmoid gates' columns (i, f, o), 2 for the candidate's (tanh x = 2σ(2x) − 1).
    let gateScale: UnsafeMutablePointer<Float>

    /// Every buffer above is a slice of this one allocation (one `malloc` per workspace, which keeps
    /// single-window prediction cheap).
    private let storage: UnsafeMutablePointer<Float>

    init(architecture: Architecture, capacity: Int) {
        BLAS.prepare()
        self.architecture = architecture
        self.capacity = capacity
        let a = architecture
        let sizes = [
            a.window * capacity * a.features, a.window * capacity * a.gates, (a.window + 1) * capacity * a.hidden,
            (a.window + 1) * capacity * a.hidden, a.window * capacity * a.hidden, capacity * a.dense,
            capacity * a.outputs, a.window * capacity * a.gates, capacity * a.hidden, capacity * a.hidden,
            capacity * a.dense, capacity * a.outputs, a.gates,
        ]
        // Each buffer starts a multiple of 64 bytes into the block.
        let padded = sizes.map { ($0 + 15) / 16 * 16 }
        storage = UnsafeMutablePointer<Float>.allocate(capacity: padded.reduce(0, +))
        storage.initialize(repeating: 0, count: padded.reduce(0, +))
        var offsets: [Int] = []
        var next = 0
        for size in padded {
            offsets.append(next)
            next += size
        }
        inputs = storage + offsets[0]
        gates = storage + offsets[1]
        cells = storage + offsets[2]
        hiddens = storage + offsets[3]
        cellTanh = storage + offsets[4]
        denseActivations = storage + offsets[5]
        outputs = storage + offsets[6]
        gateGradients = storage + offsets[7]
        hiddenGradient = storage + offsets[8]
        cellGradient = storage + offsets[9]
        denseGradient = storage + offsets[10]
        outputGradient = storage + offsets[11]
        gateScale = storage + offsets[12]
        for column in 0..<a.gates {
            gateScale[column] = column / a.hidden == 2 ? 2 : 1
        }
    }

    deinit {
        storage.deallocate()
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
            if batch == 1 {
                BLAS.gemvRow(
                    m: hidden, n: gateWidth, hiddens + step * hidden, recurrent, lda: gateWidth, beta: 1, z)
            } else {
                BLAS.gemm(
                    false, false, m: batch, n: gateWidth, k: hidden,
                    hiddens + step * batch * hidden, lda: hidden, recurrent, ldb: gateWidth, beta: 1, z, ldc: gateWidth)
            }
            LSTMCell.forward(
                gates: z, bias: bias, gateScale: gateScale, previousCells: cells + step * batch * hidden,
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
