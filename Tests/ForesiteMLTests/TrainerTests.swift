import ForesiteCore
import Testing

@testable import ForesiteML

@Suite struct TrainerTests {
    static func smallSet(days: Int = 90, frame: FeatureFrame? = nil) throws -> TrainingSet {
        try TrainingSet.build(
            frame: frame ?? SyntheticMarket.frame(days: days), inputs: SyntheticMarket.columns, target: "solana.open",
            window: 6, horizon: 3, mode: .seed)
    }

    @Test func overfitsATinyDataset() throws {
        let set = try Self.smallSet(days: 40)
        let trainer = Trainer(
            hidden: 12, dense: 8, options: TrainingOptions(epochs: 400, batchSize: 4, learningRate: 1e-2, seed: 3))
        let outcome = try trainer.train(set)
        #expect(set.training.count == 17)
        #expect(outcome.trainingLosses.last! < 1e-3)
        #expect(outcome.trainingLosses.last! < outcome.trainingLosses.first! / 50)
    }

    @Test func oneSeedGivesIdenticalWeights() throws {
        let set = try Self.smallSet()
        let options = TrainingOptions(epochs: 15, batchSize: 8, learningRate: 1e-3, seed: 21)
        let first = try Trainer(hidden: 8, dense: 4, options: options).train(set)
        let second = try Trainer(hidden: 8, dense: 4, options: options).train(set)
        #expect(first.network.parameters.map(\.bitPattern) == second.network.parameters.map(\.bitPattern))
        #expect(first.trainingLosses == second.trainingLosses)
        var reseeded = options
        reseeded.seed = 22
        let third = try Trainer(hidden: 8, dense: 4, options: reseeded).train(set)
        #expect(third.network != first.network)
    }

    /// The weights a vector path trains, pinned: every operation of a training step is the project's own
    /// (the LSTM kernels, whose AVX-512 and AVX2 versions give the same bits, the dense products, Adam), so an
    /// x86-64 CPU with AVX2 of any make trains these bits. Recorded on an AMD EPYC Zen 3 (AVX2), 2026-11-29;
    /// the seed configuration's benchmark checksum, beb72449642d2a26, is the one Zen 4 gave with AVX-512.
    /// With OpenBLAS the dense layers' summation order followed the CPU model, and Zen 3 trained other weights.
    @Test(
        .enabled(if: LSTMKernels.preferred != .scalar, "the portable kernels round differently (no FMA)"))
    func vectorKernelsTrainTheSameBitsOnEveryCPU() throws {
        let set = try Self.smallSet(days: 160)
        let options = TrainingOptions(epochs: 12, batchSize: 32, learningRate: 1e-3, seed: 5)
        let outcome = try Trainer(hidden: 30, dense: 10, options: options).train(set)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for value in outcome.network.parameters {
            hash = (hash ^ UInt64(value.bitPattern)) &* 0x100_0000_01b3
        }
        #expect(String(hash, radix: 16) == "90b360b2b539ca16", "weights' FNV-1a on \(LSTMKernels.preferredName)")
    }

    @Test func concurrentTrainingsMatchSequentialOnes() async throws {
        let set = try Self.smallSet()
        let seeds: [UInt64] = [1, 2, 3]
        func train(_ seed: UInt64) throws -> Network {
            try Trainer(hidden: 8, dense: 4, options: TrainingOptions(epochs: 5, batchSize: 8, seed: seed))
                .train(set).network
        }
        let sequential = try seeds.map(train)
        let concurrent = try await withThrowingTaskGroup(of: (Int, Network).self) { group in
            for (index, seed) in seeds.enumerated() {
                group.addTask { (index, try train(seed)) }
            }
            var results = [Network?](repeating: nil, count: seeds.count)
            for try await (index, network) in group { results[index] = network }
            return results.compactMap { $0 }
        }
        #expect(concurrent == sequential)
    }

    /// Training on data whose validation and test windows are changed gives the same training-loss
    /// trajectory (only the validation losses move): no validation or test row reaches a gradient step.
    @Test func validationAndTestRowsNeverReachTraining() throws {
        let frame = try SyntheticMarket.frame(days: 90)
        let set = try Self.smallSet(frame: frame)
        let lastTrainingDay = set.samples[set.split.training.last!].lastDay.adding(days: set.horizon)
        let poisoned = FeatureFrame(
            days: frame.days, columns: frame.columns,
            rows: zip(frame.days, frame.rows).map { day, row in day > lastTrainingDay ? row.map { $0 * 3 } : row })
        let other = try Self.smallSet(frame: poisoned)
        let trainer = Trainer(hidden: 8, dense: 4, options: TrainingOptions(epochs: 20, batchSize: 8, seed: 4))
        let clean = try trainer.train(set)
        let dirty = try trainer.train(other)
        #expect(clean.trainingLosses == dirty.trainingLosses)
        #expect(clean.validationLosses != dirty.validationLosses)
    }

    @Test func keepsTheBestEpochAndStopsEarly() throws {
        let set = try Self.smallSet()
        var reports: [EpochProgress] = []
        let trainer = Trainer(
            hidden: 8, dense: 4,
            options: TrainingOptions(epochs: 500, batchSize: 8, learningRate: 3e-2, seed: 9, patience: 5))
        let outcome = try trainer.train(set) { reports.append($0) }
        #expect(outcome.epochsRun < 500)
        #expect(outcome.epochsRun - outcome.bestEpoch == 5)
        #expect(reports.map(\.epoch) == Array(1...outcome.epochsRun))
        let best = outcome.validationLosses.min()!
        #expect(outcome.validationLosses[outcome.bestEpoch - 1] == best)
        // The returned network is the best epoch's: its validation loss is the best one.
        let validation = PreloadedPart(set.validation, architecture: outcome.network.architecture)
        #expect(validation.meanLoss(of: outcome.network) == best)
    }
}
