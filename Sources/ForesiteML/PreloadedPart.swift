/// A part of a `TrainingSet` (the validation windows) loaded once into inference workspaces of
/// `chunk` rows, so that each epoch's validation is only forward passes: no copying of the same windows
/// every epoch, and each chunk's states and gates (about 0.5 MB at 32 rows of the seed model) stay in
/// the core's L2 cache, where one pass over all 303 rows did not.
final class PreloadedPart {
    /// Rows per workspace. The mean loss is summed chunk by chunk, so its last bits depend on this.
    static let chunk = 32

    private let architecture: Architecture
    private let part: TrainingSet.Part
    private let workspaces: [BatchWorkspace]

    init(_ part: TrainingSet.Part, architecture: Architecture) {
        self.architecture = architecture
        self.part = part
        let perWindow = architecture.window * architecture.features
        var workspaces: [BatchWorkspace] = []
        part.inputs.withUnsafeBufferPointer { inputs in
            var first = 0
            while first < part.count {
                let batch = min(Self.chunk, part.count - first)
                let workspace = BatchWorkspace(architecture: architecture, capacity: batch, purpose: .inference)
                for row in 0..<batch {
                    workspace.loadWindow(inputs.baseAddress! + (first + row) * perWindow, row: row, batch: batch)
                }
                workspaces.append(workspace)
                first += batch
            }
        }
        self.workspaces = workspaces
    }

    /// Mean scaled MSE of `parameters` over the part.
    func meanLoss(_ parameters: UnsafePointer<Float>) -> Double {
        var sum = 0.0
        var first = 0
        part.targets.withUnsafeBufferPointer { targets in
            for workspace in workspaces {
                let batch = workspace.capacity
                workspace.forward(parameters, batch: batch)
                sum +=
                    workspace.loss(targets: targets.baseAddress! + first * architecture.outputs, batch: batch)
                    * Double(batch)
                first += batch
            }
        }
        return sum / Double(max(part.count, 1))
    }

    func meanLoss(of network: Network) -> Double {
        network.parameters.withUnsafeBufferPointer { meanLoss($0.baseAddress!) }
    }
}
