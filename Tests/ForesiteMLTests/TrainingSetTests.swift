import ForesiteCore
import Testing

@testable import ForesiteML

@Suite struct TrainingSetTests {
    @Test func splitIsTheOriginals() {
        // train_test_split(test_size=0.2) then (test_size=0.3), both rounding the held-out part up.
        let split = TrainingSet.Split(count: 1262)
        #expect(split.test.count == 253)
        #expect(split.validation.count == 303)
        #expect(split.training == 0..<706)
        #expect(split.validation.upperBound == split.test.lowerBound)
        let small = TrainingSet.Split(count: 10)
        #expect((small.training.count, small.validation.count, small.test.count) == (5, 3, 2))
    }

    @Test func joinKeepsCompleteDaysPresentInEveryGroup() throws {
        var solana = SyntheticMarket.candles(days: 10)
        var bitcoin = SyntheticMarket.candles(days: 10, base: 30_000)
        bitcoin.remove(at: 4)
        solana[9].complete = false
        let frame = try FeatureFrame.join(
            candles: ["solana": solana, "bitcoin": bitcoin], fearGreed: nil, columns: ["solana.open", "bitcoin.high"])
        let start = SyntheticMarket.start
        #expect(frame.days == [0, 1, 2, 3, 5, 6, 7, 8].map { start.adding(days: $0) })
        #expect(frame.rows[4] == [solana[5].open, bitcoin[4].high])
    }

    @Test func fillsOneMissingFearGreedDayAndDropsLongerGaps() throws {
        var readings = SyntheticMarket.fearGreed(days: 12)
        readings.removeAll { [3, 7, 8].contains($0.day.days(since: SyntheticMarket.start)) }
        let frame = try FeatureFrame.join(
            candles: ["solana": SyntheticMarket.candles(days: 12)], fearGreed: readings,
            columns: ["solana.open", "fear_greed.value", "fear_greed.classification"])
        let start = SyntheticMarket.start
        #expect(frame.filledDays == [start.adding(days: 3)])
        #expect(frame.rows[3][1] == Double(readings[2].value))
        #expect(frame.rows[3][2] == Double(readings[2].classification.rawValue))
        #expect(!frame.days.contains(start.adding(days: 7)))
        #expect(!frame.days.contains(start.adding(days: 8)))
    }

    @Test func rejectsUnknownColumnsAndMissingGroups() {
        #expect(throws: MLError.unknownColumn("solana.opne")) {
            try FeatureFrame.join(candles: ["solana": []], fearGreed: nil, columns: ["solana.opne"])
        }
        #expect(throws: MLError.missingGroup(group: "fear_greed", column: "fear_greed.value")) {
            try FeatureFrame.join(candles: [:], fearGreed: nil, columns: ["fear_greed.value"])
        }
    }

    @Test func windowsNeverSpanAMissingDay() throws {
        var solana = SyntheticMarket.candles(days: 60)
        solana.remove(at: 30)
        let frame = try FeatureFrame.join(candles: ["solana": solana], fearGreed: nil, columns: ["solana.open"])
        let set = try TrainingSet.build(
            frame: frame, inputs: ["solana.open"], target: "solana.open", window: 5, horizon: 3, mode: .seed)
        let gap = SyntheticMarket.start.adding(days: 30)
        // 60 days minus one gives runs of 30 and 29 days: 30−8+1 + 29−8+1 windows.
        #expect(set.samples.count == 23 + 22)
        for sample in set.samples {
            #expect(!(sample.firstDay...sample.lastDay.adding(days: 3)).contains(gap))
        }
        #expect(throws: MLError.self) {
            try frame.window(endingOn: SyntheticMarket.start.adding(days: 32), length: 5, columns: ["solana.open"])
        }
    }

    @Test func targetsAreTheNextOpensAfterTheWindow() throws {
        let frame = try SyntheticMarket.frame(days: 40)
        let set = try TrainingSet.build(
            frame: frame, inputs: SyntheticMarket.columns, target: "solana.open", window: 5, horizon: 3, mode: .returns)
        let sample = set.samples[2]
        #expect(sample.firstDay == frame.days[2] && sample.lastDay == frame.days[6])
        #expect(sample.window == Array(frame.rows[2...6]))
        #expect(sample.targets == frame.rows[7...9].map { $0[2] })
        #expect(sample.lastOpen == frame.rows[6][2])
    }

    /// Changing every value that only validation or test windows use leaves the training tensors and
    /// both scalers bit-identical: nothing after the last training target reaches training.
    @Test func nothingAfterTheTrainingWindowsReachesTheTrainingPart() throws {
        let frame = try SyntheticMarket.frame(days: 120)
        let set = try TrainingSet.build(
            frame: frame, inputs: SyntheticMarket.columns, target: "solana.open", window: 7, horizon: 4, mode: .seed)
        let lastTrainingDay = set.samples[set.split.training.last!].lastDay.adding(days: 4)
        let poisoned = FeatureFrame(
            days: frame.days, columns: frame.columns,
            rows: zip(frame.days, frame.rows).map { day, row in day > lastTrainingDay ? row.map { $0 * 50 } : row })
        let other = try TrainingSet.build(
            frame: poisoned, inputs: SyntheticMarket.columns, target: "solana.open", window: 7, horizon: 4, mode: .seed)
        #expect(other.featureScaler == set.featureScaler)
        #expect(other.targetTransform == set.targetTransform)
        #expect(other.training.inputs == set.training.inputs)
        #expect(other.training.targets == set.training.targets)
        #expect(other.test.targets != set.test.targets)
    }
}
