import ForesiteCore
import ForesiteTestSupport
import Testing

@testable import ForesiteML

/// The seed configuration on the shared Kraken SOL/BTC files and the real Fear & Greed history.
@Suite(.enabled(if: SharedData.isAvailable, Comment(rawValue: SharedData.skipMessage)))
struct RealDataTrainingTests {
    @Test func seedConfigurationSplitsAndLearns() throws {
        let frame = try SharedSamples.frame()
        // 2021-06-17 … 2024-12-22: the partial 2024-12-23 is dropped, 2024-10-26's F&G is filled.
        #expect(frame.days.first == Day(iso: "2021-06-17"))
        #expect(frame.days.last == Day(iso: "2024-12-22"))
        #expect(frame.days.count == 1285)
        #expect(frame.filledDays == [Day(iso: "2024-10-26")!])

        let model = Config.Model()
        let set = try TrainingSet.build(
            frame: frame, inputs: model.inputs, target: "solana.open", window: model.window, horizon: model.horizon,
            mode: .seed)
        #expect(set.samples.count == 1261)
        #expect(set.split.training.count == 705)
        #expect(set.split.validation.count == 303)
        #expect(set.split.test.count == 253)
        #expect(set.training.inputs.count == 705 * 15 * 10)

        // Debug builds are slow: a few epochs are enough to see the loss fall.
        let options = TrainingOptions(epochs: 8, batchSize: model.batch, learningRate: model.learningRate, seed: 42)
        let outcome = try Trainer(hidden: model.hidden, dense: model.dense, options: options).train(set)
        let losses = outcome.trainingLosses
        #expect(zip(losses, losses.dropFirst()).allSatisfy { $0 > $1 })
        #expect(losses.last! < losses.first! * 0.9)
    }
}
