import ForesiteCore
import ForesiteTestSupport
import Foundation
import Testing

@testable import ForesiteML

@Suite struct ModelArtifactTests {
    static func artifact(mode: Config.TargetMode = .returns) throws -> (ModelArtifact, TrainingSet) {
        let set = try TrainingSet.build(
            frame: SyntheticMarket.frame(days: 80), inputs: SyntheticMarket.columns, target: "solana.open", window: 6,
            horizon: 3, mode: mode)
        let options = TrainingOptions(epochs: 3, batchSize: 8, seed: 5)
        let outcome = try Trainer(hidden: 6, dense: 4, options: options).train(set)
        return (try ModelArtifact(outcome: outcome, trainedOn: set, options: options, configHash: "abc123"), set)
    }

    @Test(arguments: Config.TargetMode.allCases)
    func roundTripsExactly(mode: Config.TargetMode) throws {
        let (artifact, set) = try Self.artifact(mode: mode)
        let folder = try TemporaryDirectory()
        let url = folder.path("models/model.json")
        try artifact.write(to: url)
        let read = try ModelArtifact.read(from: url)
        #expect(read == artifact)
        let original = try artifact.model()
        let restored = try read.model()
        #expect(restored.network.parameters.map(\.bitPattern) == original.network.parameters.map(\.bitPattern))
        let windows = set.samples.suffix(3).map(\.window)
        #expect(try restored.predict(windows: windows) == original.predict(windows: windows))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path("models").path) == ["model.json"])
    }

    @Test func extremeWeightsSurviveJSON() throws {
        let (artifact, _) = try Self.artifact()
        var network = try artifact.model().network
        let specials: [Float] = [
            .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude, -.ulpOfOne, 0.1, 1 / 3, -0.0,
            Float(bitPattern: 0x3E4C_CCCD), Float(bitPattern: 0x0000_0001),
        ]
        var generator = SeededGenerator(seed: 8)
        for index in network.parameters.indices {
            network.parameters[index] =
                index < specials.count
                ? specials[index] : Float(bitPattern: UInt32(truncatingIfNeeded: generator.next()) & 0x7F7F_FFFF)
        }
        var modified = artifact
        modified.weights = network.kerasWeights
        let data = try JSONEncoder().encode(modified)
        let decoded = try JSONDecoder().decode(ModelArtifact.self, from: data)
        let back = try decoded.model().network.parameters
        #expect(back.map(\.bitPattern) == network.parameters.map(\.bitPattern))
    }

    @Test func recordsMetricsAndTheDataWindow() throws {
        let (artifact, set) = try Self.artifact()
        #expect(artifact.formatVersion == ModelArtifact.formatVersion)
        #expect(artifact.configHash == "abc123")
        #expect(artifact.data.training.windows == set.split.training.count)
        #expect(artifact.data.test.last == set.samples.last!.lastDay)
        #expect(artifact.metrics.test.model.count == set.split.test.count * 3)
        #expect(artifact.metrics.test.naive.mae > 0)
        #expect(artifact.training.epochsRun == 3)
    }

    @Test func refusesAnotherFormatVersion() throws {
        let (artifact, _) = try Self.artifact()
        var future = artifact
        future.formatVersion = 99
        let folder = try TemporaryDirectory()
        let url = folder.path("future.json")
        try future.write(to: url)
        #expect(throws: MLError.unsupportedFormat(version: 99, path: url.path)) { try ModelArtifact.read(from: url) }
    }
}
