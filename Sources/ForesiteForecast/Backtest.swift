import ForesiteCore
import ForesiteML
import Foundation

/// Walk-forward evaluation: forecast every day of a period as if it were live, retraining on an
/// expanding window, and score the LSTM modes and the baselines (persistence, drift) on the same
/// origins, each as a median with 50/80/95 % intervals.
///
/// At each origin only the frame's rows up to that day exist for the forecast (`InputWindow` cuts the
/// frame) and for the training behind it (trained on `frame.prefix(through: retrainDay)`, whose
/// windows' targets all lie on or before the retraining day). The models are retrained every
/// `retrainEvery` days; each training's conformal intervals come from its own held-out windows. The
/// baselines' intervals come from the changes observed up to the origin (`Persistence`).
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
        let series = Series(
            days: frame.days, target: try frame.values(of: settings.target),
            reference: try frame.values(of: settings.reference))
        let perOrigin = try origins.concurrentMap { origin in
            try forecasts(
                at: origin, frame: frame, series: series, settings: settings, folds: folds, forecasters: forecasters)
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
            trainings: trainings, seconds: seconds(since: start))
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

    /// The frame's columns the baselines read, taken once.
    struct Series: Sendable {
        var days: [Day]
        /// The forecast field; the actuals.
        var target: [Double]
        /// The target instrument's close: the latest known price.
        var reference: [Double]
    }

    /// Every model's forecasts at `origin`, for the horizons whose target day is in the frame; nil when
    /// the frame has no complete input window there or too little history for the baselines, so that
    /// every model is scored on the same origins.
    static func forecasts(
        at origin: Day, frame: FeatureFrame, series: Series, settings: BacktestSettings, folds: [Fold],
        forecasters: [Forecaster]
    ) throws -> [BacktestForecast]? {
        guard let originIndex = frame.rowIndex(of: origin),
            originIndex + 1 >= settings.driftWindow,
            let window = try? InputWindow(
                frame: frame, origin: origin, columns: settings.inputs, target: settings.target,
                length: settings.window)
        else { return nil }
        let persistence: [QuantileForecast]
        do {
            persistence = try settings.persistence.forecast(
                days: series.days, reference: series.reference, target: series.target, origin: originIndex,
                horizon: settings.horizon)
        } catch ForecastError.tooLittleHistory {
            return nil
        }
        var rows: [BacktestForecast] = []
        func add(_ model: BacktestModel, _ forecasts: [QuantileForecast], trainedThrough: Day? = nil) {
            for (index, forecast) in forecasts.enumerated() {
                let day = origin.adding(days: index + 1)
                guard let actualIndex = frame.rowIndex(of: day) else { continue }
                rows.append(
                    BacktestForecast(
                        model: model, origin: origin, horizon: index + 1, targetDay: day,
                        trainedThrough: trainedThrough, forecast: forecast, actual: series.target[actualIndex]))
            }
        }
        let foldsPerDay = settings.modes.count
        for (offset, mode) in settings.modes.enumerated() {
            let fold = settings.retrainIndex(for: origin) * foldsPerDay + offset
            let forecast = try forecasters[fold].forecast(window: window, madeOn: origin)
            add(
                .lstm(mode), forecast.steps.map { QuantileForecast(median: $0.point, intervals: $0.intervals) },
                trainedThrough: folds[fold].day)
        }
        add(.persistence, persistence)
        add(
            .drift,
            try settings.drift.forecast(
                days: series.days, reference: series.reference, target: series.target, origin: originIndex,
                horizon: settings.horizon))
        if settings.includesNaiveOpen {
            add(.naiveOpen, persistence.map { $0.recentred(on: window.targetValue) })
        }
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
