import ForesiteCore
import ForesiteML
import Foundation

/// Walk-forward evaluation: forecast every day of a period as if it were live, retraining on an
/// expanding window, and score the LSTM modes and the baselines on the same origins.
///
/// At each origin only the frame's rows up to that day exist for the forecast (`InputWindow` cuts the
/// frame) and for the training behind it (trained on `frame.prefix(through: retrainDay)`, whose
/// windows' targets all lie on or before the retraining day). The models are retrained every
/// `retrainEvery` days; each training's conformal intervals come from its own held-out windows.
///
/// All member trainings of all retrainings are independent, so they run together over every core;
/// each is deterministic and results are assembled in a fixed order, so the output is identical
/// whatever the scheduling.
public enum Backtest {
    public static func walkForward(
        frame: FeatureFrame, settings: BacktestSettings, progress: (@Sendable (BacktestProgress) -> Void)? = nil
    ) throws -> BacktestResult {
        try settings.validate()
        let clock = ContinuousClock()
        let start = clock.now
        let folds = try trainingFolds(frame: frame, settings: settings)
        let trained = try trainEnsembles(folds: folds, settings: settings) { done, total in
            progress?(BacktestProgress(trainingsDone: done, trainingsTotal: total, elapsed: seconds(since: start)))
        }
        let ensembles = trained.map(\.ensemble)
        let forecasters = try Array(zip(folds, ensembles)).concurrentMap { fold, ensemble in
            let calibration = try ConformalCalibration(
                ensemble: ensemble, heldOutOf: fold.set, levels: settings.levels)
            return try Forecaster(
                ensemble: ensemble, calibration: calibration,
                modelVersion: "backtest-\(fold.mode.rawValue)-\(fold.day.iso)")
        }
        let origins = (0...settings.to.days(since: settings.from)).map { settings.from.adding(days: $0) }
        let target = try frame.values(of: settings.target)
        let close = try? frame.values(of: settings.closeColumn)
        let perOrigin = try origins.concurrentMap { origin in
            try forecasts(
                at: origin, frame: frame, target: target, close: close, settings: settings, folds: folds,
                forecasters: forecasters)
        }
        let trainings = zip(folds, trained).map { fold, trained in
            let ensemble = trained.ensemble
            return BacktestTraining(
                trainedThrough: fold.day, mode: fold.mode, seeds: ensemble.seeds, bestEpochs: ensemble.bestEpochs,
                trainingWindows: fold.set.split.training.count,
                calibrationWindows: fold.set.split.validation.count + fold.set.split.test.count,
                trainingSeconds: trained.seconds)
        }
        return BacktestResult(
            settings: settings,
            forecasts: perOrigin.compactMap { $0 }.flatMap { $0 },
            skippedOrigins: zip(origins, perOrigin).filter { $0.1 == nil }.map(\.0),
            trainings: trainings,
            naiveScale: Metrics.naiveScale(of: try frame.prefix(through: settings.from).values(of: settings.target)),
            seconds: seconds(since: start))
    }

    /// One retraining of one mode: the training set cut at `day`.
    struct Fold: Sendable {
        var day: Day
        var mode: Config.TargetMode
        var set: TrainingSet
    }

    static func trainingFolds(frame: FeatureFrame, settings: BacktestSettings) throws -> [Fold] {
        let plan = settings.retrainDays.flatMap { day in settings.modes.map { (day, $0) } }
        return try plan.concurrentMap { day, mode in
            Fold(
                day: day, mode: mode,
                set: try TrainingSet.build(
                    frame: frame.prefix(through: day), inputs: settings.inputs, target: settings.target,
                    window: settings.window, horizon: settings.horizon, mode: mode))
        }
    }

    /// Trains every member of every fold as one pool of independent jobs, then groups them by fold.
    static func trainEnsembles(
        folds: [Fold], settings: BacktestSettings, progress: @escaping @Sendable (Int, Int) -> Void
    ) throws -> [(ensemble: Ensemble, seconds: Double)] {
        let seeds = Ensemble.seeds(startingAt: settings.seed, size: settings.ensemble)
        let jobs = folds.indices.flatMap { fold in seeds.map { (fold: fold, seed: $0) } }
        let counter = ProgressCounter(total: jobs.count, report: progress)
        let trainer = settings.trainer
        let outcomes = try jobs.concurrentMap { job in
            var member = trainer
            member.options.seed = job.seed
            let fold = folds[job.fold]
            let outcome: TrainingOutcome
            do {
                outcome = try member.train(fold.set)
            } catch {
                throw ForecastError.trainingFailed(origin: fold.day, seed: job.seed, reason: "\(error)")
            }
            counter.increment()
            return (model: try TrainedModel(network: outcome.network, trainedOn: fold.set), outcome: outcome)
        }
        return try folds.indices.map { fold in
            let members = outcomes[(fold * seeds.count)..<((fold + 1) * seeds.count)]
            let ensemble = try Ensemble(
                members: members.map(\.model), seeds: seeds, bestEpochs: members.map(\.outcome.bestEpoch))
            return (ensemble, members.reduce(0) { $0 + $1.outcome.seconds })
        }
    }

    /// Every model's forecasts at `origin`; nil when the frame has no complete input window there.
    static func forecasts(
        at origin: Day, frame: FeatureFrame, target: [Double], close: [Double]?, settings: BacktestSettings,
        folds: [Fold], forecasters: [Forecaster]
    ) throws -> [BacktestForecast]? {
        guard let originIndex = frame.rowIndex(of: origin),
            originIndex + 1 >= settings.driftWindow,
            let window = try? InputWindow(
                frame: frame, origin: origin, columns: settings.inputs, target: settings.target,
                length: settings.window)
        else { return nil }
        let history = target[...originIndex]
        var rows: [BacktestForecast] = []
        func add(_ model: BacktestModel, points: [Double], trainedThrough: Day?, intervals: [[PredictionInterval]]) {
            for (index, point) in points.enumerated() {
                let day = origin.adding(days: index + 1)
                guard let actualIndex = frame.rowIndex(of: day) else { continue }
                rows.append(
                    BacktestForecast(
                        model: model, origin: origin, targetDay: day, trainedThrough: trainedThrough,
                        outcome: ForecastOutcome(
                            horizon: index + 1, originValue: window.targetValue, predicted: point,
                            actual: target[actualIndex], intervals: intervals.isEmpty ? [] : intervals[index])))
            }
        }
        let foldsPerDay = settings.modes.count
        for (offset, mode) in settings.modes.enumerated() {
            let fold = settings.retrainIndex(for: origin) * foldsPerDay + offset
            let forecast = try forecasters[fold].forecast(window: window, madeOn: origin)
            add(
                .lstm(mode), points: forecast.steps.map(\.point), trainedThrough: folds[fold].day,
                intervals: forecast.steps.map(\.intervals))
        }
        add(
            .naive, points: try Baseline.naive.forecast(history: history, horizon: settings.horizon),
            trainedThrough: nil, intervals: [])
        if let close {
            add(
                .naiveClose, points: [Double](repeating: close[originIndex], count: settings.horizon),
                trainedThrough: nil, intervals: [])
        }
        add(
            .drift,
            points: try Baseline.drift(window: settings.driftWindow).forecast(
                history: history, horizon: settings.horizon),
            trainedThrough: nil, intervals: [])
        return rows
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let (whole, fraction) = (ContinuousClock().now - start).components
        return Double(whole) + Double(fraction) * 1e-18
    }
}

/// Counts finished trainings from worker threads and reports each count once, in order.
private final class ProgressCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var done = 0
    private let total: Int
    private let report: @Sendable (Int, Int) -> Void

    init(total: Int, report: @escaping @Sendable (Int, Int) -> Void) {
        self.total = total
        self.report = report
    }

    func increment() {
        lock.lock()
        defer { lock.unlock() }
        done += 1
        report(done, total)
    }
}
