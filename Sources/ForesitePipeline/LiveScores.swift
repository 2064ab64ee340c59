import ForesiteCore
import ForesiteForecast
import ForesiteSite
import ForesiteStore

/// The ledger's forecasts joined with what happened, scored with the one scorer (`ForecastScore`):
/// what the site's live accuracy, forecast-vs-actual chart and skill tables show.
///
/// Only target days with a complete stored candle count; a forecast whose target day is still ahead,
/// incomplete or in a gap of the data is pending and never scored.
public struct LiveScores: Sendable {
    /// The complete daily values of the target, per field.
    public struct Actuals: Sendable {
        var open: [Day: Double] = [:]
        var close: [Day: Double] = [:]

        public init(candles: [Candle]) {
            for candle in candles where candle.complete {
                open[candle.day] = candle.open
                close[candle.day] = candle.close
            }
        }

        public func value(field: String, on day: Day) -> Double? {
            field == Config.TargetField.open.rawValue ? open[day] : close[day]
        }
    }

    public let forecasts: [IssuedForecast]
    public let actuals: Actuals
    /// Every step whose actual is known, scored once, by model (the leaderboard asks per window).
    private let scoredByModel: [ModelID: [ScoredForecast]]

    public init(forecasts: [IssuedForecast], actuals: Actuals) {
        self.forecasts = forecasts
        self.actuals = actuals
        var scored: [ModelID: [ScoredForecast]] = [:]
        for forecast in forecasts {
            for step in forecast.steps {
                guard let actual = actuals.value(field: forecast.field, on: step.targetDay) else { continue }
                scored[forecast.model, default: []].append(
                    ScoredForecast(
                        origin: forecast.origin, horizon: step.horizon, forecast: step.forecast, actual: actual))
            }
        }
        scoredByModel = scored
    }

    /// Every scored step of `model`, oldest origin first.
    public func scored(_ model: ModelID) -> [ScoredForecast] { scoredByModel[model] ?? [] }

    /// `scored(model)` with origins from `originsFrom` on (all of them for nil).
    func scored(_ model: ModelID, originsFrom: Day?) -> [ScoredForecast] {
        guard let originsFrom else { return scored(model) }
        return scored(model).filter { $0.origin >= originsFrom }
    }

    /// `model` against persistence on the forecasts both made and whose actuals are known (with origins
    /// from `originsFrom` on, when given); nil before any.
    public func skillTable(of model: ModelID, originsFrom: Day? = nil) -> SiteContent.SkillTable? {
        skillTable(of: model, originsFrom: originsFrom, baseline: baseline(originsFrom: originsFrom))
    }

    /// Persistence's scores with origins from `originsFrom` on, keyed for the skill tables of that window.
    func baseline(originsFrom: Day?) -> SkillComparison.Baseline {
        SkillComparison.Baseline(scored(.persistence, originsFrom: originsFrom))
    }

    /// `skillTable(of:originsFrom:)` against `baseline`, that window's (`baseline(originsFrom:)`).
    func skillTable(of model: ModelID, originsFrom: Day?, baseline: SkillComparison.Baseline)
        -> SiteContent.SkillTable?
    {
        let modelScores = scored(model, originsFrom: originsFrom)
        let (horizons, overall, origins) = SkillComparison.table(model: modelScores, baseline: baseline)
        guard overall.pairs > 0, let origins else { return nil }
        return SiteContent.SkillTable(
            model: model.rawValue, from: origins.lowerBound, to: origins.upperBound, horizons: horizons,
            overall: overall)
    }

    /// Persistence's forecast made on the same day, keyed by day made.
    private var persistenceByDay: [Day: IssuedForecast] {
        Dictionary(
            forecasts.filter { $0.model == .persistence }.map { ($0.madeOn, $0) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The newest forecast of `model`; the published row's under the name and version of the model chosen
    /// that day (the row itself names the choice before its evidence, "lstm: rel WIS …", in its version).
    public func latestForecast(of model: ModelID) -> IssuedForecast? {
        guard let latest = forecasts.last(where: { $0.model == model }) else { return nil }
        guard model == .published else { return latest }
        let chosen = ModelID(ModelSelection.Choice.label(ofLedgerVersion: latest.modelVersion))
        var attributed = latest
        attributed.model = chosen
        if let own = forecasts.first(where: { $0.madeOn == latest.madeOn && $0.model == chosen }) {
            attributed.modelVersion = own.modelVersion
        }
        return attributed
    }

    /// Persistence's forecast made on `day`, if recorded: what the site shows beside the latest forecast.
    public func persistence(madeOn day: Day) -> IssuedForecast? {
        forecasts.first { $0.model == .persistence && $0.madeOn == day }
    }

    /// Every step `model` ever forecast, with persistence's forecast of the same day and the actual.
    public func entries(of model: ModelID) -> [SiteContent.LedgerEntry] {
        let persistence = persistenceByDay
        return forecasts.filter { $0.model == model }.flatMap { forecast in
            forecast.steps.map { step in
                SiteContent.LedgerEntry(
                    madeOn: forecast.madeOn, origin: forecast.origin, targetDay: step.targetDay,
                    horizon: step.horizon, model: forecast.model.rawValue, modelVersion: forecast.modelVersion,
                    forecast: step.forecast,
                    persistence: persistence[forecast.madeOn]?.step(horizon: step.horizon)?.forecast,
                    actual: actuals.value(field: forecast.field, on: step.targetDay), referencePrice: forecast.reference
                )
            }
        }
    }
}
