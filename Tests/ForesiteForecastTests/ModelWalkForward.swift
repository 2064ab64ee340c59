import ForesiteCore
import ForesiteForecast
import Foundation

/// A plain walk-forward for one `ForecastModel` against persistence on the same origins: refit every
/// `refitEvery` days on the data through the origin, forecast from each origin, score every horizon
/// whose target day is in the data.
struct ModelWalkForward {
    var model: [ScoredForecast] = []
    var baseline: [ScoredForecast] = []
    var forecasts: [QuantileForecast] = []
    var fits = 0
    var fitSeconds = 0.0

    init(_ forecaster: any ForecastModel, data: ModelData, origins: [Day], refitEvery: Int) throws {
        let target = try data.values(data.target)
        var fitted: (any FittedModel)?
        var fittedOn: Day?
        let persistence = try PersistenceModel().fit(data)
        for origin in origins {
            guard data.frame.rowIndex(of: origin) != nil else { continue }
            let cut = data.through(origin)
            if fitted == nil || origin >= fittedOn!.adding(days: refitEvery) {
                let start = Date()
                fitted = try forecaster.fit(cut)
                fitSeconds += Date().timeIntervalSince(start)
                fits += 1
                fittedOn = origin
            }
            let made = try fitted!.forecast(cut)
            let reference = try persistence.forecast(cut)
            forecasts += made
            for h in 1...data.horizon {
                guard let end = data.frame.rowIndex(of: origin.adding(days: h)) else { continue }
                model.append(ScoredForecast(origin: origin, horizon: h, forecast: made[h - 1], actual: target[end]))
                baseline.append(
                    ScoredForecast(origin: origin, horizon: h, forecast: reference[h - 1], actual: target[end]))
            }
        }
    }

    func comparison(horizon: Int?) -> SkillComparison {
        SkillComparison(model: model, baseline: baseline, horizon: horizon)
    }
}
