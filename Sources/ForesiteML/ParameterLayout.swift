/// Where each tensor lives in the network's single flat parameter buffer.
///
/// One contiguous buffer (and one for gradients, and Adam's two moments) lets the optimiser update
/// every parameter in a single pass and makes "identical weights" a single array comparison.
/// Every tensor is row-major in Keras's shape, so Keras weights copy in without reshuffling.
struct ParameterLayout: Hashable, Sendable {
    let architecture: Architecture
    /// LSTM input kernel, shape (features, 4·hidden), gate blocks i, f, c, o.
    let lstmKernel: Range<Int>
    /// LSTM recurrent kernel, shape (hidden, 4·hidden).
    let lstmRecurrentKernel: Range<Int>
    /// LSTM bias, shape (4·hidden).
    let lstmBias: Range<Int>
    /// Hidden dense layer kernel (hidden, dense) and bias (dense).
    let denseKernel: Range<Int>
    let denseBias: Range<Int>
    /// Output layer kernel (dense, outputs) and bias (outputs).
    let outputKernel: Range<Int>
    let outputBias: Range<Int>
    let count: Int

    init(_ architecture: Architecture) {
        self.architecture = architecture
        let a = architecture
        var next = 0
        func take(_ n: Int) -> Range<Int> {
            defer { next += n }
            return next..<(next + n)
        }
        lstmKernel = take(a.features * a.gates)
        lstmRecurrentKernel = take(a.hidden * a.gates)
        lstmBias = take(a.gates)
        denseKernel = take(a.hidden * a.dense)
        denseBias = take(a.dense)
        outputKernel = take(a.dense * a.outputs)
        outputBias = take(a.outputs)
        count = next
    }

    /// The named tensors with their Keras shapes, in the order Keras lists the layers' weights.
    var tensors: [(layer: String, name: String, range: Range<Int>, shape: [Int])] {
        let a = architecture
        return [
            ("lstm", "kernel", lstmKernel, [a.features, a.gates]),
            ("lstm", "recurrent_kernel", lstmRecurrentKernel, [a.hidden, a.gates]),
            ("lstm", "bias", lstmBias, [a.gates]),
            ("dense", "kernel", denseKernel, [a.hidden, a.dense]),
            ("dense", "bias", denseBias, [a.dense]),
            ("dense_1", "kernel", outputKernel, [a.dense, a.outputs]),
            ("dense_1", "bias", outputBias, [a.outputs]),
        ]
    }
}
