import ForesiteCore
import Foundation

/// Windows of `window` days → the next `horizon` target opens, split chronologically and scaled.
///
/// The split is the original project's: two successive scikit-learn `train_test_split(shuffle=False)`
/// calls, the first keeping the last 20 % of windows for test, the second the last 30 % of the rest for
/// validation (each part's size rounded up, as scikit-learn does). Both scalers are fitted on the
/// training windows only (returns mode's shrinkage, in `TrainedModel(network:trainedOn:)`, on the
/// validation windows; nothing on the test windows). A window (inputs and targets) must cover consecutive calendar days.
public struct TrainingSet: Sendable {
    /// One window and what follows it, in raw units.
    public struct Sample: Hashable, Sendable {
        /// First and last day of the input window; the targets are the opens of the `horizon` days after.
        public let firstDay: Day
        public let lastDay: Day
        /// `window` rows of the input columns, oldest first.
        public let window: [[Double]]
        /// Target-column values on the `horizon` days after `lastDay`.
        public let targets: [Double]
        /// Target-column value on `lastDay` (the naive forecast).
        public let lastOpen: Double
        /// `referenceColumn`'s value on `lastDay`: the price returns-mode targets are relative to.
        public let reference: Double
    }

    /// Index ranges into `samples`, in time order: training, then validation, then test.
    public struct Split: Hashable, Sendable {
        public let training: Range<Int>
        public let validation: Range<Int>
        public let test: Range<Int>

        /// The original's sizes for `count` windows.
        public init(count: Int, testFraction: Double = 0.2, validationFraction: Double = 0.3) {
            let testCount = Int((testFraction * Double(count)).rounded(.up))
            let rest = count - testCount
            let validationCount = Int((validationFraction * Double(rest)).rounded(.up))
            training = 0..<(rest - validationCount)
            validation = (rest - validationCount)..<rest
            test = rest..<count
        }
    }

    /// Scaled Float32 tensors of one part: inputs `count × window × features`, targets `count × horizon`.
    public struct Part: Sendable {
        public let count: Int
        public let inputs: [Float]
        public let targets: [Float]
    }

    public let inputs: [String]
    public let target: String
    /// The column whose last-day value anchors returns-mode targets (`referenceColumn(target:inputs:mode:)`).
    public let referenceColumn: String
    public let window: Int
    public let horizon: Int
    public let samples: [Sample]
    public let split: Split
    /// Applied to each raw window before `featureScaler`: `.relative` in returns mode, `.levels` in seed mode.
    public let inputTransform: InputTransform
    public let featureScaler: Scaler
    public let targetTransform: TargetTransform
    public let training: Part
    public let validation: Part
    public let test: Part
    /// Days of the source frame whose Fear & Greed values were filled from the day before.
    public let filledDays: [Day]

    public var mode: Config.TargetMode { targetTransform.mode }

    /// Returns mode's anchor: the target instrument's close when it is an input (`solana.close` for
    /// `solana.open`), else the target itself. The close of the window's last day is the latest price
    /// known when the forecast is made — on a market that trades around the clock it equals the next
    /// open (every day of the Kraken sample) — so a zero output is the strongest random walk, not one
    /// a day stale. Seed mode predicts levels and has no anchor: the target.
    public static func referenceColumn(target: String, inputs: [String], mode: Config.TargetMode) -> String {
        guard mode == .returns, target.hasSuffix(".open") else { return target }
        let close = String(target.dropLast(".open".count)) + ".close"
        return inputs.contains(close) ? close : target
    }

    /// Builds the windows from `frame` (which must hold every input column and the target column).
    public static func build(
        frame: FeatureFrame, inputs: [String], target: String, window: Int, horizon: Int,
        mode: Config.TargetMode
    ) throws -> TrainingSet {
        guard window >= 1 else { throw MLError.invalidOption(name: "window", value: String(window)) }
        guard horizon >= 1 else { throw MLError.invalidOption(name: "horizon", value: String(horizon)) }
        let inputIndices = try inputs.map { try frame.index(of: $0) }
        let targetIndex = try frame.index(of: target)
        if mode == .returns && !inputs.contains(target) { throw MLError.targetNotAnInput(target: target) }
        let referenceColumn = Self.referenceColumn(target: target, inputs: inputs, mode: mode)
        let referenceIndex = try frame.index(of: referenceColumn)

        var samples: [Sample] = []
        let span = window + horizon
        if frame.days.count >= span {
            for start in 0...(frame.days.count - span)
            where frame.days[start + span - 1].days(since: frame.days[start]) == span - 1 {
                let rows = frame.rows[start..<(start + window)].map { row in inputIndices.map { row[$0] } }
                samples.append(
                    Sample(
                        firstDay: frame.days[start], lastDay: frame.days[start + window - 1], window: rows,
                        targets: frame.rows[(start + window)..<(start + span)].map { $0[targetIndex] },
                        lastOpen: frame.rows[start + window - 1][targetIndex],
                        reference: frame.rows[start + window - 1][referenceIndex]))
            }
        }
        let split = Split(count: samples.count)
        guard split.training.count >= 1, split.validation.count >= 1, split.test.count >= 1 else {
            throw MLError.notEnoughData(
                needed: 3, available: samples.count, what: "a training set of \(window)+\(horizon)-day windows")
        }
        let trainingSamples = samples[split.training]
        let inputTransform: InputTransform = mode == .returns ? .relative : .levels
        let featureScaler = inputTransform.fitScaler(
            rows: trainingSamples.lazy.flatMap { inputTransform.apply(to: $0.window, columns: inputs) },
            columns: inputs.count)
        let targetTransform = TargetTransform.fit(
            mode: mode, targets: trainingSamples.map(\.targets), references: trainingSamples.map(\.reference),
            horizon: horizon)
        func part(_ range: Range<Int>) -> Part {
            var x: [Float] = []
            var y: [Float] = []
            x.reserveCapacity(range.count * window * inputs.count)
            y.reserveCapacity(range.count * horizon)
            for sample in samples[range] {
                for row in inputTransform.apply(to: sample.window, columns: inputs) {
                    x.append(contentsOf: featureScaler.transform(row: row).map { Float($0) })
                }
                y.append(
                    contentsOf: targetTransform.encode(prices: sample.targets, reference: sample.reference).map {
                        Float($0)
                    })
            }
            return Part(count: range.count, inputs: x, targets: y)
        }
        return TrainingSet(
            inputs: inputs, target: target, referenceColumn: referenceColumn, window: window, horizon: horizon,
            samples: samples, split: split,
            inputTransform: inputTransform, featureScaler: featureScaler, targetTransform: targetTransform,
            training: part(split.training),
            validation: part(split.validation), test: part(split.test), filledDays: frame.filledDays)
    }
}
