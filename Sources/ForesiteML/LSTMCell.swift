/// The element-wise part of one LSTM step for a block of rows, fused into one pass per row.
///
/// Gate order is Keras's: i (input), f (forget), c̃ (candidate), o (output), each `hidden` wide.
/// With z = x·W + h·U + b: i = σ(z_i), f = σ(z_f), c̃ = tanh(z_c), o = σ(z_o),
/// c = f·c₋₁ + i·c̃, h = o·tanh(c).
enum LSTMCell {
    /// Adds the bias to the gate pre-activations in `gates`, replaces them by the activations and
    /// writes the new cell state, its tanh and the new hidden state. `gateScale` holds 1 for the
    /// sigmoid gates' columns and 2 for the candidate's (see `VectorActivation.activateGates`).
    @inline(__always)
    static func forward(
        gates: UnsafeMutablePointer<Float>, bias: UnsafePointer<Float>, gateScale: UnsafePointer<Float>,
        previousCells: UnsafePointer<Float>, cells: UnsafeMutablePointer<Float>,
        cellTanh: UnsafeMutablePointer<Float>, hiddens: UnsafeMutablePointer<Float>, rows: Int, hidden: Int
    ) {
        let width = 4 * hidden
        for row in 0..<rows {
            let z = gates + row * width
            VectorActivation.activateGates(z, bias: bias, scale: gateScale, count: width)
            let offset = row * hidden
            for unit in 0..<hidden {
                cells[offset + unit] = z[hidden + unit] * previousCells[offset + unit] + z[unit] * z[2 * hidden + unit]
            }
        }
        VectorActivation.tanh(cells, cellTanh, count: rows * hidden)
        for row in 0..<rows {
            let o = gates + row * width + 3 * hidden
            let offset = row * hidden
            for unit in 0..<hidden {
                hiddens[offset + unit] = o[unit] * cellTanh[offset + unit]
            }
        }
    }

    /// Given dL/dh and the running dL/dc of this step, writes dL/dz for the four gates and replaces
    /// `cellGradient` by dL/dc₋₁ (the part flowing through the forget gate).
    @inline(__always)
    static func backward(
        gates: UnsafePointer<Float>, previousCells: UnsafePointer<Float>, cellTanh: UnsafePointer<Float>,
        hiddenGradient: UnsafePointer<Float>, cellGradient: UnsafeMutablePointer<Float>,
        gateGradients: UnsafeMutablePointer<Float>, rows: Int, hidden: Int
    ) {
        for row in 0..<rows {
            let z = gates + row * 4 * hidden
            let dz = gateGradients + row * 4 * hidden
            let offset = row * hidden
            for unit in 0..<hidden {
                let i = z[unit]
                let f = z[hidden + unit]
                let g = z[2 * hidden + unit]
                let o = z[3 * hidden + unit]
                let t = cellTanh[offset + unit]
                let dh = hiddenGradient[offset + unit]
                let dc = cellGradient[offset + unit] + dh * o * (1 - t * t)
                dz[unit] = dc * g * i * (1 - i)
                dz[hidden + unit] = dc * previousCells[offset + unit] * f * (1 - f)
                dz[2 * hidden + unit] = dc * i * (1 - g * g)
                dz[3 * hidden + unit] = dh * t * o * (1 - o)
                cellGradient[offset + unit] = dc * f
            }
        }
    }
}
