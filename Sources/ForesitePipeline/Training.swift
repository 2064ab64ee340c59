import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteStore
import Foundation

/// `foresite train`: training set from the store → K members → calibration on validation residuals →
/// evaluation beside naive → bundle on disk → registry → promotion if it beats the champion.
public enum Training {
    public struct Report: Sendable {
        public var version: String
        public var members: [ModelArtifact.TrainingSummary]
        public var evaluation: ModelArtifact.Evaluation
        public var promoted: Bool
        public var promotionReason: String
        public var seconds: Double
        public var bundlePath: String
        public var split: (training: Int, validation: Int, test: Int)
        public var testWindow: ModelArtifact.DayRange
    }

    public static func run(_ workspace: Workspace, store: FeatureStore) throws -> Report {
        let started = Date()
        let config = workspace.config
        let frame = try FeatureFrameLoader.load(workspace, from: store, through: workspace.today.adding(days: -1))
        let set = try TrainingSet.build(
            frame: frame, inputs: config.model.inputs, target: workspace.targetColumn, window: config.model.window,
            horizon: config.model.horizon, mode: config.model.targetMode)
        let seeds = (0..<UInt64(max(config.model.ensemble, 1))).map { config.model.seed &+ $0 }
        let members = try trainMembers(set: set, seeds: seeds, workspace: workspace)
        let ensemble = try Ensemble(
            members: try members.map { try $0.model() }, seeds: seeds, bestEpochs: members.map(\.training.bestEpoch))
        let calibration = try ConformalCalibration(ensemble: ensemble, heldOutOf: set, levels: config.model.intervals)
        let evaluation = ModelArtifact.Evaluation(
            validation: try compare(ensemble, on: set.samples[set.split.validation], horizon: set.horizon),
            test: try compare(ensemble, on: set.samples[set.split.test], horizon: set.horizon))

        let today = workspace.today
        let existing = try store.registry.all()
        let version = nextVersion(after: existing.map(\.version), today: today)
        let bundle = ModelBundle(
            version: version, trainedOn: today, members: members, calibration: calibration, evaluation: evaluation)
        let bundleURL = workspace.modelsURL.appendingPathComponent("\(version).json")
        let written = try bundle.write(to: bundleURL)

        let decision = try promotionDecision(for: bundle, set: set, workspace: workspace, store: store)
        let lead = members[0]
        let record = ModelRecord(
            version: version, createdAt: isoTimestamp(workspace.clock.now()), targetMode: config.model.targetMode,
            configHash: config.hashForModel, artifactPath: relativePath(of: bundleURL, in: workspace),
            artifactSHA256: written.sha256, dataFirstDay: lead.data.firstDay, dataLastDay: lead.data.lastDay,
            testFirstDay: lead.data.test.first, testLastDay: lead.data.test.last,
            metricsJSON: try jsonText(evaluation), testMAE: evaluation.test.model.mae,
            naiveTestMAE: evaluation.test.naive.mae, membersJSON: try jsonText(seeds),
            notes: decision.reason)
        try store.write(command: "train") { writer in
            try writer.register(record)
            if decision.promote { try writer.promote(version: version) }
        }
        return Report(
            version: version, members: members.map(\.training), evaluation: evaluation, promoted: decision.promote,
            promotionReason: decision.reason, seconds: Date().timeIntervalSince(started),
            bundlePath: record.artifactPath,
            split: (set.split.training.count, set.split.validation.count, set.split.test.count),
            testWindow: lead.data.test)
    }

    /// Trains one member per seed, side by side on the workspace's jobs (`concurrentMap` keeps the result
    /// independent of scheduling; each training is single-threaded and deterministic). Unlike
    /// `Ensemble.train`, this keeps each member's artifact (metrics, epochs, time) and draws progress.
    static func trainMembers(set: TrainingSet, seeds: [UInt64], workspace: Workspace) throws -> [ModelArtifact] {
        let config = workspace.config
        let console = workspace.console
        return try Array(seeds.enumerated()).concurrentMap(in: workspace.parallelism) { index, seed in
            var options = TrainingOptions(config.model)
            options.seed = seed
            let trainer = Trainer(hidden: config.model.hidden, dense: config.model.dense, options: options)
            // Only the first member draws progress, or the bars would interleave.
            let progress: ((EpochProgress) -> Void)? =
                index == 0
                ? { step in
                    let eta = step.elapsed / Double(step.epoch) * Double(step.epochs - step.epoch)
                    console.progress(
                        seeds.count > 1 ? "train ×\(seeds.count)" : "train", done: step.epoch, total: step.epochs,
                        detail: String(
                            format: "loss %.4f · val %.4f · best %d · ETA %.1f s", step.loss, step.validationLoss,
                            step.bestEpoch, eta),
                        lineEvery: 50)
                } : nil
            let outcome = try trainer.train(set, progress: progress)
            return try ModelArtifact(
                outcome: outcome, trainedOn: set, options: options, configHash: config.hashForModel,
                ensembleSeeds: seeds.count > 1 ? seeds : nil)
        }
    }

    /// The ensemble's and the naive forecast's metrics on the same windows.
    static func compare(
        _ ensemble: Ensemble, on samples: ArraySlice<TrainingSet.Sample>, horizon: Int
    ) throws -> ModelArtifact.Comparison {
        let actual = samples.map(\.targets)
        return ModelArtifact.Comparison(
            model: PriceMetrics(predicted: try ensemble.predict(windows: samples.map(\.window)), actual: actual),
            naive: PriceMetrics(
                predicted: samples.map { [Double](repeating: $0.lastOpen, count: horizon) }, actual: actual))
    }

    /// Versions are `YYYY-MM-DD.N`: the training day and a counter, so they sort and say when.
    static func nextVersion(after versions: [String], today: Day) -> String {
        let prefix = today.iso + "."
        let used = versions.compactMap { $0.hasPrefix(prefix) ? Int($0.dropFirst(prefix.count)) : nil }
        return prefix + String((used.max() ?? 0) + 1)
    }

    struct Decision {
        var promote: Bool
        var reason: String
    }

    /// Whether the new bundle replaces the champion. With `beat_champion` both are scored on the new
    /// model's test windows, so they are compared on the same days.
    static func promotionDecision(
        for bundle: ModelBundle, set: TrainingSet, workspace: Workspace, store: FeatureStore
    ) throws -> Decision {
        let test = bundle.evaluation.test
        switch workspace.config.model.promotion {
        case .r2Threshold:
            let r2 = test.model.r2
            return Decision(promote: r2 > 0.3, reason: String(format: "test R² %.3f %@ 0.3", r2, r2 > 0.3 ? ">" : "≤"))
        case .beatChampion:
            guard let champion = try store.registry.champion() else {
                return Decision(promote: true, reason: "first model")
            }
            // A champion from another model configuration is replaced: the configuration is the user's
            // decision, and keeping the old champion would make every run retrain.
            if champion.configHash != workspace.config.hashForModel {
                return Decision(
                    promote: true, reason: "model configuration changed since champion \(champion.version)")
            }
            let championBundle = try ModelBundle.read(
                from: workspace.url(champion.artifactPath), expectingSHA256: champion.artifactSHA256)
            let lead = championBundle.lead
            guard lead.inputs == set.inputs, lead.architecture.window == set.window,
                lead.architecture.outputUnits == set.horizon, lead.target == set.target
            else {
                return Decision(
                    promote: true, reason: "model configuration changed since champion \(champion.version)")
            }
            let championScore = try compare(
                try championBundle.ensemble(), on: set.samples[set.split.test], horizon: set.horizon)
            let better = test.model.mae < championScore.model.mae
            return Decision(
                promote: better,
                reason: String(
                    format: "test MAE %.2f vs champion %@ %.2f on the same %d windows", test.model.mae,
                    champion.version, championScore.model.mae, set.split.test.count))
        }
    }
}

func isoTimestamp(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: date)
}

func relativePath(of url: URL, in workspace: Workspace) -> String {
    let root = workspace.root.standardizedFileURL.path
    let path = url.standardizedFileURL.path
    return path.hasPrefix(root + "/") ? String(path.dropFirst(root.count + 1)) : path
}

func jsonText(_ value: some Encodable) throws -> String {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return String(decoding: try encoder.encode(value), as: UTF8.self)
}
