import ForesiteCore
import Foundation
import Testing

@testable import ForesiteML

@Suite struct InputTransformTests {
    static let columns = ["solana.close", "solana.volume", "bitcoin.open", "fear_greed.value", "solana.open"]
    static let rows: [[Double]] = [
        [110, 1000, 40_000, 20, 100],
        [99, 0, 44_000, 55, 110],
    ]

    @Test func relativeTurnsLevelsIntoDailyMoves() {
        let moved = InputTransform.relative.apply(to: Self.rows, columns: Self.columns)
        // Close over the same day's open; volume log(1 + v); an open over the day before's (0 on the
        // first day); Fear & Greed unchanged.
        #expect(moved[0] == [log(1.1), log1p(1000), 0, 20, 0])
        #expect(moved[1] == [log(0.9), 0, log(1.1), 55, log(1.1)])
    }

    @Test func relativeIgnoresTheLevel() {
        let doubled = Self.rows.map { row in row.enumerated().map { [0, 2, 4].contains($0) ? $1 * 2 : $1 } }
        let a = InputTransform.relative.apply(to: Self.rows, columns: Self.columns)
        let b = InputTransform.relative.apply(to: doubled, columns: Self.columns)
        for (x, y) in zip(a.joined(), b.joined()) {
            #expect(abs(x - y) < 1e-12)
        }
    }

    @Test func levelsIsTheIdentity() {
        #expect(InputTransform.levels.apply(to: Self.rows, columns: Self.columns) == Self.rows)
    }

    @Test func aPriceWithoutItsInstrumentsOpenUsesTheDayBefore() {
        let moved = InputTransform.relative.apply(to: [[50], [55]], columns: ["ether.close"])
        #expect(moved == [[0], [log(1.1)]])
    }

    @Test func trainingSetAndModelTransformTheSameWay() throws {
        let frame = try SyntheticMarket.frame(days: 80)
        let set = try TrainingSet.build(
            frame: frame, inputs: SyntheticMarket.columns, target: "solana.open", window: 6, horizon: 3,
            mode: .returns)
        #expect(set.inputTransform == .relative)
        let seed = try TrainingSet.build(
            frame: frame, inputs: SyntheticMarket.columns, target: "solana.open", window: 6, horizon: 3, mode: .seed)
        #expect(seed.inputTransform == .levels)
        let outcome = try Trainer(hidden: 6, dense: 4, options: TrainingOptions(epochs: 1, batchSize: 8, seed: 5))
            .train(set)
        let model = try TrainedModel(network: outcome.network, trainedOn: set)
        let size = set.window * set.inputs.count
        for index in 0..<3 {
            let scaled = try model.scale(set.samples[set.split.test.lowerBound + index].window)
            #expect(scaled == Array(set.test.inputs[(index * size)..<((index + 1) * size)]))
        }
    }
}
