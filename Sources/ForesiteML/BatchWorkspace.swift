/// Scratch memory for one forward and backward pass over a batch of up to `capacity` windows.
///
/// Allocated once per training (or batched prediction) so the epoch loop never allocates. All
/// per-time-step tensors are time-major (`t · batch + row`), so one step of a batch is a contiguous block,
/// and use the `PaddedGateLayout` of the C step kernels: each time step of the LSTM, forward or backward
/// with its share of the weight gradients, is one `LSTMKernels` call. An inference workspace keeps one
/// step of gates and tanh c and two of states (alternating), since nothing reads earlier steps: its
/// working set stays in L1/L2 however long the window. Not thread-safe: each training owns its workspace.
final class BatchWorkspace {
    /// What a workspace is for: inference needs no gradient buffers.
    enum Purpose {
        case training
        case inference
    }

    let architecture: Architecture
    let capacity: Int
    /// Whether the gradient buffers exist (`Purpose.training`).
    let isTraining: Bool
    let gateLayout: PaddedGateLayout
    let implementation: LSTMKernels.Implementation
    /// Inputs, `window × batch × features`.
    let inputs: UnsafeMutablePointer<Float>
    /// Gate activations i, f, c̃, o of every step: `window × batch × gateLayout.width` (inference: one step).
    let gates: UnsafeMutablePointer<Float>
    /// Cell and hidden states, `(window + 1) × batch × paddedHidden`; step 0 is the zero initial state
    /// (inference: two steps, step t in slot t mod 2).
    let cells: UnsafeMutablePointer<Float>
    let hiddens: UnsafeMutablePointer<Float>
    /// tanh of each cell state, kept for the backward pass: `window × batch × paddedHidden` (inference: one
    /// step).
    let cellTanh: UnsafeMutablePointer<Float>
    /// Dense layer output after ReLU, `batch × dense`, and the network output, `batch × outputs`.
    let denseActivations: UnsafeMutablePointer<Float>
    let outputs: UnsafeMutablePointer<Float>
    /// The LSTM's kernel (`features × width`), recurrent kernel (`hidden × width`) and bias (`width`),
    /// padded from the parameters at the start of every forward pass, each gate block times its
    /// activation's exponent factor (`PaddedGateLayout.padExponents`).
    let paddedKernel: UnsafeMutablePointer<Float>
    let paddedRecurrent: UnsafeMutablePointer<Float>
    let paddedBias: UnsafeMutablePointer<Float>
    /// Training only: dL/dz (`batch × width`), dL/dh and dL/dc (`batch × paddedHidden`) of the current
    /// step, the dense layers' gradients, Uᵀ padded (`width × paddedHidden`) and
    /// the LSTM's weight gradients in the padded layout, summed over the steps before they are unpadded.
    let gateGradients: UnsafeMutablePointer<Float>
    let hiddenGradient: UnsafeMutablePointer<Float>
    let cellGradient: UnsafeMutablePointer<Float>
    let denseGradient: UnsafeMutablePointer<Float>
    let outputGradient: UnsafeMutablePointer<Float>
    let paddedRecurrentTransposed: UnsafeMutablePointer<Float>
    let paddedKernelGradient: UnsafeMutablePointer<Float>
    let paddedRecurrentGradient: UnsafeMutablePointer<Float>
    let paddedBiasGradient: UnsafeMutablePointer<Float>

    /// Every buffer above is a zero-initialised slice of this one allocation (padding must start at
    /// zero, and one `malloc` per workspace keeps single-window prediction cheap).
    private let storage: UnsafeMutablePointer<Float>

    init(
        architecture: Architecture, capacity: Int, purpose: Purpose = .training,
        implementation: LSTMKernels.Implementation = LSTMKernels.preferred
    ) {
        self.architecture = architecture
        self.capacity = capacity
        self.implementation = implementation
        let a = architecture
        let g = PaddedGateLayout(hidden: a.hidden)
        gateLayout = g
        let (steps, hp, width) = (a.window, g.paddedHidden, g.width)
        let training = purpose == .training ? 1 : 0
        // Steps of gates and tanh c, and of states, kept.
        let (kept, keptStates) = purpose == .training ? (steps, steps + 1) : (1, 2)
        let sizes = [
            steps * capacity * a.features, kept * capacity * width, keptStates * capacity * hp,
            keptStates * capacity * hp, kept * capacity * hp, capacity * a.dense, capacity * a.outputs,
            a.features * width, a.hidden * width, width,
            training * capacity * width, training * capacity * hp, training * capacity * hp,
            training * capacity * a.dense, training * capacity * a.outputs, training * width * hp,
            training * a.features * width, training * a.hidden * width, training * width,
        ]
        // Each buffer starts a multiple of 64 bytes into the block.
        let padded = sizes.map { ($0 + 15) / 16 * 16 }
        let total = padded.reduce(0, +)
        storage = UnsafeMutablePointer<Float>.allocate(capacity: total)
        storage.initialize(repeating: 0, count: total)
        var slices: [UnsafeMutablePointer<Float>] = []
        var next = 0
        for size in padded {
            slices.append(storage + next)
            next += size
        }
        (inputs, gates, cells, hiddens, cellTanh, denseActivations, outputs) = (
            slices[0], slices[1], slices[2], slices[3], slices[4], slices[5], slices[6]
        )
        (paddedKernel, paddedRecurrent, paddedBias) = (slices[7], slices[8], slices[9])
        (gateGradients, hiddenGradient, cellGradient, denseGradient, outputGradient) = (
            slices[10], slices[11], slices[12], slices[13], slices[14]
        )
        (paddedRecurrentTransposed, paddedKernelGradient, paddedRecurrentGradient, paddedBiasGradient) = (
            slices[15], slices[16], slices[17], slices[18]
        )
        isTraining = training == 1
    }

    deinit {
        storage.deallocate()
    }

    /// Runs the network on the `batch` windows in `inputs`; results land in `outputs` (`batch × outputs`).
    func forward(_ parameters: UnsafePointer<Float>, batch: Int) {
        precondition(batch >= 1 && batch <= capacity, "batch \(batch) exceeds the workspace")
        let a = architecture
        let layout = ParameterLayout(a)
        let g = gateLayout
        let (window, hp, width) = (a.window, g.paddedHidden, g.width)
        g.padExponents(parameters + layout.lstmKernel.lowerBound, rows: a.features, into: paddedKernel)
        g.padExponents(parameters + layout.lstmRecurrentKernel.lowerBound, rows: a.hidden, into: paddedRecurrent)
        g.padExponents(parameters + layout.lstmBias.lowerBound, rows: 1, into: paddedBias)
        let weights = LSTMKernels.PaddedWeights(kernel: paddedKernel, recurrent: paddedRecurrent, bias: paddedBias)
        // A previous, larger batch may have left later steps' states where this batch's step 0 lives.
        cells.update(repeating: 0, count: batch * hp)
        hiddens.update(repeating: 0, count: batch * hp)
        for step in 0..<window {
            let state = stateOffset(step, batch: batch)
            let next = stateOffset(step + 1, batch: batch)
            let kept = isTraining ? step : 0
            LSTMKernels.forwardStep(
                implementation, rows: batch, features: a.features, recurrentRows: step == 0 ? 0 : a.hidden,
                layout: g, inputs: inputs + step * batch * a.features, weights: weights,
                previousHidden: hiddens + state, previousCell: cells + state, gates: gates + kept * batch * width,
                cells: cells + next, cellTanh: cellTanh + kept * batch * hp, hiddens: hiddens + next)
        }
        DenseLayers.forward(parameters, layout: layout, workspace: self, batch: batch)
    }

    /// Where the states after `step` steps start: every step's in training, alternating slots in inference.
    func stateOffset(_ step: Int, batch: Int) -> Int {
        (isTraining ? step : step % 2) * batch * gateLayout.paddedHidden
    }

    /// The last hidden state of every window, `batch × paddedHidden` (after `forward`).
    func lastHidden(batch: Int) -> UnsafeMutablePointer<Float> {
        hiddens + stateOffset(architecture.window, batch: batch)
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
}
