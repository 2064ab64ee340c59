import ForesiteCore
import ForesiteTestSupport
import Testing

@testable import ForesiteML

/// Foresite against the original project's real Keras model (see keras-reference/README.md).
@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct KerasParityTests {
    @Test func reproducesKerasOutputs() throws {
        let reference = try KerasReference.load()
        let network = try Network(window: reference.architecture.window, weights: reference.weights)
        #expect(network.architecture == .seed)
        #expect(network.kerasWeights == reference.weights)
        for example in reference.cases {
            let scaled = example.windowRaw.map { reference.featureScaler.scaler.transform(row: $0) }
            for (ours, theirs) in zip(scaled.joined(), example.windowScaled.joined()) {
                #expect(abs(ours - theirs) < 1e-12)
            }
            let outputs = try network.outputs(forScaledWindows: [scaled.flatMap { $0.map { Float($0) } }])
            for (ours, keras) in zip(outputs, example.outputScaled) {
                #expect(abs(Double(ours) - keras) < 1e-5, "\(example.lastDay)")
            }
        }
    }

    @Test func reproducesKerasPricesThroughTheModel() throws {
        let reference = try KerasReference.load()
        let model = try TrainedModel(
            network: Network(window: reference.architecture.window, weights: reference.weights),
            inputs: Config.Model.defaultInputs, target: "solana.open", inputTransform: .levels,
            featureScaler: reference.featureScaler.scaler,
            targetTransform: TargetTransform(mode: .seed, scaler: reference.labelScaler.scaler))
        let predictions = try model.predict(windows: reference.cases.map(\.windowRaw))
        for (prediction, example) in zip(predictions, reference.cases) {
            #expect(prediction.count == 10)
            for (ours, keras) in zip(prediction, example.outputUsd) {
                #expect(abs(ours - keras) < 1e-3, "\(example.lastDay)")
            }
        }
        // One window alone goes through a different sgemm kernel than a batch: same values to rounding.
        let single = try model.predict(window: reference.cases[0].windowRaw)
        for (alone, batched) in zip(single, predictions[0]) {
            #expect(abs(alone - batched) < 1e-4)
        }
    }

    /// Our own join of the shared Kraken and Fear & Greed files yields the reference's raw windows.
    @Test func builderYieldsTheReferenceWindows() throws {
        let reference = try KerasReference.load()
        let frame = try SharedSamples.frame()
        for example in reference.cases {
            let day = try #require(Day(iso: example.lastDay))
            let window = try frame.window(endingOn: day, length: 15, columns: Config.Model.defaultInputs)
            #expect(window.count == example.windowRaw.count)
            for (ours, theirs) in zip(window.joined(), example.windowRaw.joined()) {
                #expect(abs(ours - theirs) <= 1e-9 * max(1, abs(theirs)), "\(example.lastDay)")
            }
        }
    }
}
