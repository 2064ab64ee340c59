import ForesiteCore
import ForesiteML
import Foundation

/// Walk-forward evaluation: every enabled model of a catalog forecasts every day of a period as if it
/// were live, and all are scored against persistence on the same origins, each as a median with
/// 50/80/95 % intervals.
///
/// At each origin a model sees only the frame's rows through that day (`ModelData.through`). A model
/// refitted on a schedule (the LSTM) is fitted at every `retrainEvery`-th day on the rows through it, and
/// forecasts with the latest such fit; a cheap model is fitted afresh at each origin, as it is live.
/// An origin with a gap in a model's input window, or too little history for persistence, is skipped for
/// all; a model that needs a longer history than an origin has (GARCH, the quantile autoregression early
/// in the data) has no forecast there. Scores always pair a model with persistence on the same forecasts.
///
/// The fits, and then the origins, are independent, so they run side by side on the jobs of
/// `parallelism` (give the catalog the same budget, so that ensemble members share it); each is
/// deterministic and results are assembled in a fixed order, so the output is identical whatever the
/// scheduling and the number of jobs.
public enum Backtest {
    public static func walkForward(
        frame: FeatureFrame, settings: BacktestSettings, catalog: ModelCatalog, parallelism: Parallelism = .allCores,
        progress: (@Sendable (BacktestProgress) -> Void)? = nil
    ) throws -> BacktestResult {
        try settings.validate()
        let start = ContinuousClock().now
        let data = settings.modelData(frame: frame)
        let models = catalog.models.filter { settings.models.contains($0.id) }
        let combinations = catalog.combinations.filter { settings.models.contains($0.id) }
        let scheduled = models.filter { $0.refit == .scheduled }
        let plan = settings.retrainDays.flatMap { day in scheduled.map { (day: day, model: $0) } }
        let counter = ProgressCounter(total: plan.count) { done, total in
            progress?(BacktestProgress(trainingsDone: done, trainingsTotal: total, elapsed: seconds(since: start)))
        }
        // A model with too little history on a retraining day has no fit there (nil): it sits out the
        // origins that fit would have served. The latest retrainings (the most data, the longest fits)
        // are handed out first, so that a long fit does not start last and leave the other jobs idle.
        let fits: [(fitted: (any FittedModel)?, fit: BacktestFit)] = try Array(plan.reversed()).concurrentMap(
            in: parallelism
        ) { job -> (fitted: (any FittedModel)?, fit: BacktestFit) in
            let started = ContinuousClock().now
            let fitted: (any FittedModel)?
            do {
                fitted = try job.model.fit(data.through(job.day))
            } catch ForecastError.tooLittleHistory {
                fitted = nil
            } catch {
                throw ForecastError.trainingFailed(
                    origin: job.day, seed: settings.seed, reason: "\(job.model.id): \(error)")
            }
            counter.increment()
            return (
                fitted,
                BacktestFit(
                    model: job.model.id, fittedThrough: job.day, version: fitted?.version ?? "too little history",
                    seconds: seconds(since: started))
            )
        }.reversed()
        let origins = (0...settings.to.days(since: settings.from)).map { settings.from.adding(days: $0) }
        let actuals = try frame.values(of: settings.target)
        let perOrigin = try origins.concurrentMap(in: parallelism) { origin -> [BacktestForecast]? in
            guard frame.rowIndex(of: origin) != nil else { return nil }
            let retrain = settings.retrainIndex(for: origin)
            var forecasts: [ModelID: [QuantileForecast]] = [:]
            var fittedThrough: [ModelID: Day] = [:]
            let atOrigin = data.through(origin)
            // A gap in the data at the origin, or too little history for persistence, skips the origin for
            // every model; another model lacking history there just has no forecast at it.
            do {
                for model in models {
                    do {
                        let fitted: (any FittedModel)?
                        if let slot = scheduled.firstIndex(where: { $0.id == model.id }) {
                            let fit = fits[retrain * scheduled.count + slot]
                            fitted = fit.fitted
                            fittedThrough[model.id] = fit.fit.fittedThrough
                        } else {
                            fitted = try model.fit(atOrigin)
                        }
                        if let fitted { forecasts[model.id] = try fitted.forecast(atOrigin) }
                    } catch ForecastError.tooLittleHistory where model.id != .persistence {
                        continue
                    }
                }
                let members = forecasts.filter { id, _ in models.first { $0.id == id }?.joinsEnsemble == true }
                if members.count >= 2 {
                    for combination in combinations { forecasts[combination.id] = try combination.combine(members) }
                }
            } catch ForecastError.tooLittleHistory, ForecastError.missingDay {
                return nil
            }
            let order = models.map(\.id) + combinations.map(\.id)
            return order.flatMap { model in
                (forecasts[model] ?? []).enumerated().compactMap { index, forecast in
                    let day = origin.adding(days: index + 1)
                    guard let actual = frame.rowIndex(of: day).map({ actuals[$0] }) else { return nil }
                    return BacktestForecast(
                        model: model, origin: origin, horizon: index + 1, targetDay: day,
                        trainedThrough: fittedThrough[model], forecast: forecast, actual: actual)
                }
            }
        }
        return BacktestResult(
            settings: settings, forecasts: perOrigin.compactMap { $0 }.flatMap { $0 },
            skippedOrigins: zip(origins, perOrigin).filter { $0.1 == nil }.map(\.0),
            fits: fits.map { $0.fit }, seconds: seconds(since: start))
    }

    static func seconds(since start: ContinuousClock.Instant) -> Double {
        let (whole, fraction) = (ContinuousClock().now - start).components
        return Double(whole) + Double(fraction) * 1e-18
    }
}

/// Counts finished fits from worker threads and reports each count once, in order.
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
