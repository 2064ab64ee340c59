import ForesiteCore

/// Trains the network on a `TrainingSet`'s training part with Adam and full BPTT, one core, deterministic.
///
/// A value with no shared state: each `train` call owns its workspace and optimiser, so independent
/// trainings (ensemble members, backtest folds) may run concurrently on separate threads.
/// Same seed and same data give bit-identical weights: the shuffles come from `SeededGenerator`, and the
/// order of every floating-point operation is fixed, in the kernels' own C (no library chooses it by CPU).
public struct Trainer: Sendable {
    public var hidden: Int
    public var dense: Int
    public var options: TrainingOptions

    public init(hidden: Int = 30, dense: Int = 10, options: TrainingOptions = TrainingOptions()) {
        self.hidden = hidden
        self.dense = dense
        self.options = options
    }

    public init(_ model: Config.Model) {
        self.init(hidden: model.hidden, dense: model.dense, options: TrainingOptions(model))
    }

    /// The LSTM step kernels this CPU runs ("AVX-512", "AVX2/FMA" or "scalar"), chosen at run time.
    public static var kernels: String { LSTMKernels.preferredName }

    public func architecture(for set: TrainingSet) -> Architecture {
        Architecture(window: set.window, features: set.inputs.count, hidden: hidden, dense: dense, outputs: set.horizon)
    }

    public func train(_ set: TrainingSet, progress: ((EpochProgress) -> Void)? = nil) throws -> TrainingOutcome {
        try options.validate()
        let architecture = architecture(for: set)
        var network = try Network(architecture: architecture, seed: options.seed)
        var shuffler = SeededGenerator(seed: options.seed ^ 0x5348_5546_464C_4553)
        var adam = Adam(parameterCount: network.parameters.count, learningRate: Float(options.learningRate))
        let workspace = BatchWorkspace(architecture: architecture, capacity: options.batchSize)
        let validation = PreloadedPart(set.validation, architecture: architecture)
        let perWindow = architecture.window * architecture.features
        let outputs = architecture.outputs
        var gradients = [Float](repeating: 0, count: network.parameters.count)
        var batchTargets = [Float](repeating: 0, count: options.batchSize * outputs)
        var order = Array(0..<set.training.count)
        var best = (epoch: 0, loss: Double.infinity, parameters: network.parameters)
        var trainingLosses: [Double] = []
        var validationLosses: [Double] = []
        let clock = ContinuousClock()
        let start = clock.now

        for epoch in 1...options.epochs {
            Trainer.shuffle(&order, using: &shuffler)
            var lossSum = 0.0
            set.training.inputs.withUnsafeBufferPointer { inputs in
                set.training.targets.withUnsafeBufferPointer { targets in
                    var first = 0
                    while first < order.count {
                        let batch = min(options.batchSize, order.count - first)
                        // All of the batch's windows are requested before the first is copied, so that their
                        // cache misses overlap instead of following each other; the first batch's here, every
                        // later one's a whole batch ahead (below), so that they have arrived by then.
                        if first == 0 {
                            for row in 0..<batch {
                                workspace.prefetchWindow(inputs.baseAddress! + order[first + row] * perWindow)
                            }
                        }
                        for row in 0..<batch {
                            let sample = order[first + row]
                            workspace.loadWindow(inputs.baseAddress! + sample * perWindow, row: row, batch: batch)
                            for k in 0..<outputs { batchTargets[row * outputs + k] = targets[sample * outputs + k] }
                        }
                        for row in (first + batch)..<min(first + 2 * batch, order.count) {
                            workspace.prefetchWindow(inputs.baseAddress! + order[row] * perWindow)
                            workspace.prefetchTargets(targets.baseAddress! + order[row] * outputs)
                        }
                        batchTargets.withUnsafeBufferPointer { y in
                            network.parameters.withUnsafeBufferPointer { theta in
                                workspace.forward(theta.baseAddress!, batch: batch)
                                lossSum += workspace.loss(targets: y.baseAddress!, batch: batch) * Double(batch)
                                gradients.withUnsafeMutableBufferPointer { g in
                                    workspace.backward(
                                        theta.baseAddress!, targets: y.baseAddress!, batch: batch,
                                        gradients: g.baseAddress!)
                                }
                            }
                        }
                        gradients.withUnsafeBufferPointer {
                            adam.update(&network.parameters, gradients: $0.baseAddress!)
                        }
                        first += batch
                    }
                }
            }
            let loss = lossSum / Double(max(order.count, 1))
            let validationLoss = validation.meanLoss(of: network)
            guard loss.isFinite, validationLoss.isFinite else { throw MLError.nonFiniteLoss(epoch: epoch) }
            trainingLosses.append(loss)
            validationLosses.append(validationLoss)
            if validationLoss < best.loss {
                best = (epoch, validationLoss, network.parameters)
            }
            let elapsed = clock.now - start
            progress?(
                EpochProgress(
                    epoch: epoch, epochs: options.epochs, loss: loss, validationLoss: validationLoss,
                    bestEpoch: best.epoch, elapsed: elapsed.seconds))
            if options.patience > 0 && epoch - best.epoch >= options.patience { break }
        }
        return TrainingOutcome(
            network: Network(architecture: architecture, parameters: best.parameters), bestEpoch: best.epoch,
            epochsRun: trainingLosses.count, trainingLosses: trainingLosses, validationLosses: validationLosses,
            seconds: (clock.now - start).seconds)
    }

    /// Fisher–Yates with an explicit index draw, so the order does not depend on the standard
    /// library's shuffle algorithm.
    static func shuffle(_ order: inout [Int], using generator: inout SeededGenerator) {
        guard order.count > 1 else { return }
        for i in stride(from: order.count - 1, to: 0, by: -1) {
            let j = Int(generator.next().multipliedFullWidth(by: UInt64(i + 1)).high)
            order.swapAt(i, j)
        }
    }
}

extension Duration {
    var seconds: Double {
        let (whole, fraction) = components
        return Double(whole) + Double(fraction) * 1e-18
    }
}
