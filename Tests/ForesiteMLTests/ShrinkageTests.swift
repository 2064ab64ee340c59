import ForesiteCore
import Foundation
import Testing

@testable import ForesiteML

/// Returns mode's pull towards the naive forecast: the scale-only target scaler and the per-horizon
/// shrinkage fitted on the validation windows.
@Suite struct ShrinkageTests {
    @Test func rootMeanSquareScalerKeepsZeroAsNoChange() {
        let scaler = Scaler.fitRootMeanSquare(rows: [[0.03, -1], [0.05, 1], [0.04, 0]], columns: 2)
        #expect(scaler == .standard(mean: [0, 0], deviation: [(0.005 / 3).squareRoot(), (2.0 / 3).squareRoot()]))
        let transform = TargetTransform.fit(
            mode: .returns, targets: [[103, 110], [95, 90]], references: [100, 100], horizon: 2)
        // Both training windows rose or fell: a centred scaler would decode 0 as their mean return.
        #expect(transform.decode(outputs: [Float(0), 0], reference: 150) == [150, 150])
    }

    @Test func fitsTheLeastSquaresFactorPerHorizon() {
        let transform = TargetTransform(
            mode: .returns, scaler: .standard(mean: [0, 0, 0, 0], deviation: [1, 1, 1, 1]))
        let actual: [[Double]] = [[0.01, 0.02, 0.01, 0.0], [-0.02, 0.01, -0.01, 0.0], [0.03, -0.01, 0.02, 0.0]]
        // Step 0: twice the actual return → 0.5. Step 1: half → 2, clamped to 1. Step 2: the opposite
        // sign → −1, clamped to 0. Step 3: always predicted 0 → no evidence of skill → 0.
        let predicted = actual.map { [2 * $0[0], 0.5 * $0[1], -$0[2], 0] }
        let fitted = transform.fittingShrinkage(predicted: predicted, actual: actual)
        #expect(abs(fitted.shrinkage[0] - 0.5) < 1e-12)
        #expect(fitted.shrinkage[1] == 1)
        #expect(fitted.shrinkage[2] == 0)
        #expect(fitted.shrinkage[3] == 0)
        // Decoding applies the factor to the log return: exp(0.5 · log(1.21)) = 1.1.
        let decoded = fitted.decode(outputs: [Float(log(1.21)), 0, 0.3, 0], reference: 100)
        #expect(abs(decoded[0] - 110) < 1e-4)
        #expect(decoded[2] == 100)
    }

    @Test func seedModeIsNeverShrunk() {
        let transform = TargetTransform(mode: .seed, scaler: .minMax(minimum: [0], maximum: [200]))
        let fitted = transform.fittingShrinkage(predicted: [[0.5]], actual: [[-0.5]])
        #expect(fitted.shrinkage == [1])
    }

    @Test func trainedModelFitsShrinkageOnValidationOnly() throws {
        let frame = try SyntheticMarket.frame(days: 80)
        let set = try TrainingSet.build(
            frame: frame, inputs: SyntheticMarket.columns, target: "solana.open", window: 6, horizon: 3,
            mode: .returns)
        let outcome = try Trainer(hidden: 6, dense: 4, options: TrainingOptions(epochs: 3, batchSize: 8, seed: 5))
            .train(set)
        let model = try TrainedModel(network: outcome.network, trainedOn: set)
        #expect(model.targetTransform.shrinkage.allSatisfy { (0...1).contains($0) })
        // The same factors computed by hand from the validation windows' raw predictions.
        let raw = try TrainedModel(
            network: outcome.network, inputs: set.inputs, target: set.target, referenceColumn: set.referenceColumn,
            inputTransform: set.inputTransform,
            featureScaler: set.featureScaler, targetTransform: set.targetTransform)
        let validation = set.samples[set.split.validation]
        let predicted = try raw.predict(windows: validation.map(\.window)).enumerated().map { index, prices in
            prices.map { log($0 / validation[validation.startIndex + index].reference) }
        }
        let actual = validation.map { sample in sample.targets.map { log($0 / sample.reference) } }
        let expected = set.targetTransform.fittingShrinkage(predicted: predicted, actual: actual).shrinkage
        for (fitted, byHand) in zip(model.targetTransform.shrinkage, expected) {
            #expect(abs(fitted - byHand) < 1e-9)
        }
    }

    @Test func artifactsWithoutShrinkageReadAsUnshrunk() throws {
        let (artifact, _) = try ModelArtifactTests.artifact(mode: .returns)
        var legacy = artifact
        legacy.targetShrinkage = nil
        let decoded = try JSONDecoder().decode(ModelArtifact.self, from: JSONEncoder().encode(legacy))
        #expect(try decoded.model().targetTransform.shrinkage == [1, 1, 1])
        var wrong = artifact
        wrong.targetShrinkage = [0.5]
        #expect(throws: MLError.self) { try wrong.model() }
    }
}

/// Returns mode's anchor: the latest known price.
@Suite struct ReferenceColumnTests {
    @Test func theInstrumentsCloseWhenItIsAnInput() {
        let inputs = ["solana.close", "bitcoin.open", "solana.open"]
        #expect(TrainingSet.referenceColumn(target: "solana.open", inputs: inputs, mode: .returns) == "solana.close")
        #expect(TrainingSet.referenceColumn(target: "solana.open", inputs: inputs, mode: .seed) == "solana.open")
        #expect(
            TrainingSet.referenceColumn(target: "solana.open", inputs: ["bitcoin.open", "solana.open"], mode: .returns)
                == "solana.open")
    }

    /// On a market where each open is the previous close, horizon 1 is known when the forecast is made:
    /// its training targets are all zero, its shrinkage is 0, and the forecast is the last close exactly.
    @Test func horizonOneIsTheLastCloseWhenTheNextOpenEqualsIt() throws {
        var generator = SeededGenerator(seed: 4)
        var open = 100.0
        var rows: [[Double]] = []
        for _ in 0..<90 {
            let close = open * exp(0.04 * (generator.nextUnit() - 0.5))
            rows.append([close, 30_000 + 100 * generator.nextUnit(), open])
            open = close
        }
        let frame = FeatureFrame(
            days: (0..<90).map { SyntheticMarket.start.adding(days: $0) }, columns: SyntheticMarket.columns, rows: rows)
        let set = try TrainingSet.build(
            frame: frame, inputs: SyntheticMarket.columns, target: "solana.open", window: 6, horizon: 3, mode: .returns)
        #expect(set.referenceColumn == "solana.close")
        #expect(set.samples.allSatisfy { $0.reference == $0.targets[0] })
        let outcome = try Trainer(hidden: 6, dense: 4, options: TrainingOptions(epochs: 2, batchSize: 8, seed: 5))
            .train(set)
        let model = try TrainedModel(network: outcome.network, trainedOn: set)
        #expect(model.targetTransform.shrinkage[0] == 0)
        let last = set.samples[set.split.test.lowerBound]
        #expect(try model.predict(window: last.window)[0] == last.reference)
        // The artifact keeps the anchor.
        let artifact = try ModelArtifact(
            outcome: outcome, trainedOn: set, options: TrainingOptions(epochs: 2, batchSize: 8, seed: 5),
            configHash: "x")
        #expect(artifact.targetReference == "solana.close")
        #expect(try artifact.model().referenceColumn == "solana.close")
    }
}
