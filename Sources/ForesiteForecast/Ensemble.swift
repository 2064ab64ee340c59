import ForesiteCore
import ForesiteML

/// K models trained on the same data with seeds `seed, seed + 1, …`, whose forecasts are averaged.
///
/// Averaging independently initialised networks removes much of the seed-to-seed variance of a small
/// LSTM on a short series; the training is fast enough that K = 5 costs seconds. Members are averaged
/// in seed order, so the output is bit-identical however their trainings were scheduled.
public struct Ensemble: Sendable {
    public let members: [TrainedModel]
    /// `seeds[i]` trained `members[i]`.
    public let seeds: [UInt64]
    /// The best epoch (by validation loss) of each member, for the registry and the backtest report.
    public let bestEpochs: [Int]

    public init(members: [TrainedModel], seeds: [UInt64], bestEpochs: [Int]) throws {
        guard let first = members.first, members.count == seeds.count, members.count == bestEpochs.count else {
            throw ForecastError.invalidSetting(
                name: "ensemble", value: "\(members.count) members, \(seeds.count) seeds",
                reason: "needs at least one member and one seed per member")
        }
        for member in members where member.horizon != first.horizon || member.window != first.window {
            throw ForecastError.horizonMismatch(expected: first.horizon, got: member.horizon)
        }
        self.members = members
        self.seeds = seeds
        self.bestEpochs = bestEpochs
    }

    /// A one-member ensemble around an already trained model (e.g. the registry's champion).
    public init(single model: TrainedModel, seed: UInt64, bestEpoch: Int = 0) {
        members = [model]
        seeds = [seed]
        bestEpochs = [bestEpoch]
    }

    /// The seeds of a `size`-member ensemble starting at `seed`.
    public static func seeds(startingAt seed: UInt64, size: Int) -> [UInt64] {
        (0..<UInt64(max(size, 0))).map { seed &+ $0 }
    }

    /// Trains `size` members on `set`, side by side on the jobs `parallelism` has free (the trainer itself
    /// is single-threaded, so the members are the same whatever the number of jobs).
    public static func train(
        on set: TrainingSet, trainer: Trainer, size: Int, parallelism: Parallelism = .allCores
    ) throws -> Ensemble {
        guard size >= 1 else {
            throw ForecastError.invalidSetting(name: "ensemble", value: "\(size)", reason: "must be at least 1")
        }
        let seeds = seeds(startingAt: trainer.options.seed, size: size)
        let outcomes = try seeds.concurrentMap(in: parallelism) { seed in
            var member = trainer
            member.options.seed = seed
            return try member.train(set)
        }
        return try Ensemble(
            members: outcomes.map { try TrainedModel(network: $0.network, trainedOn: set) }, seeds: seeds,
            bestEpochs: outcomes.map(\.bestEpoch))
    }

    public var window: Int { members[0].window }
    public var horizon: Int { members[0].horizon }
    public var inputs: [String] { members[0].inputs }
    public var target: String { members[0].target }
    public var mode: Config.TargetMode { members[0].mode }

    /// The members' mean forecast (USD) for each raw window, in the input order.
    public func predict(windows: [[[Double]]]) throws -> [[Double]] {
        var sums = try members[0].predict(windows: windows)
        for member in members.dropFirst() {
            let predictions = try member.predict(windows: windows)
            for (window, prediction) in predictions.enumerated() {
                for step in prediction.indices { sums[window][step] += prediction[step] }
            }
        }
        let count = Double(members.count)
        return sums.map { $0.map { $0 / count } }
    }
}
