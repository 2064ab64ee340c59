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

    public let forecasts: [LedgerForecast]
    public let actuals: Actuals
    /// Every step whose actual is known, scored once, by model (the leaderboard asks per window).
    private let scoredByModel: [String: [ScoredForecast]]

    public init(forecasts: [LedgerForecast], actuals: Actuals) {
        self.forecasts = forecasts
        self.actuals = actuals
        var scored: [String: [ScoredForecast]] = [:]
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
    public func scored(_ model: String) -> [ScoredForecast] { scoredByModel[model] ?? [] }

    /// `model` against persistence on the forecasts both made and whose actuals are known (with origins
    /// from `originsFrom` on, when given); nil before any.
    public func skillTable(of model: String, originsFrom: Day? = nil) -> SiteContent.SkillTable? {
        let first = originsFrom ?? Day(daysSinceEpoch: Int.min / 4)
        let modelScores = scored(model).filter { $0.origin >= first }
        let baseline = scored(ModelID.persistence.rawValue).filter { $0.origin >= first }
        let (horizons, overall) = SkillComparison.table(model: modelScores, baseline: baseline)
        let paired = Set(baseline.map(\.key))
        let origins = modelScores.filter { paired.contains($0.key) }.map(\.origin)
        guard overall.pairs > 0, let from = origins.min(), let to = origins.max() else { return nil }
        return SiteContent.SkillTable(model: model, from: from, to: to, horizons: horizons, overall: overall)
    }

    /// Persistence's forecast made on the same day, keyed by day made.
    private var persistenceByDay: [Day: LedgerForecast] {
        Dictionary(
            forecasts.filter { $0.model == ModelID.persistence.rawValue }.map { ($0.madeOn, $0) },
            uniquingKeysWith: { first, _ in first })
    }

    /// The newest forecast of `model`, with persistence's of the same day beside it.
    public func latestForecast(of model: String) -> SiteContent.Forecast? {
        guard let latest = forecasts.last(where: { $0.model == model }) else { return nil }
        // The published row names the chosen model before its evidence ("lstm: rel WIS …").
        let name =
            model == ModelID.published.rawValue
            ? ModelSelection.Choice.label(ofLedgerVersion: latest.modelVersion) : latest.model
        let persistence = persistenceByDay[latest.madeOn]
        return SiteContent.Forecast(
            origin: latest.origin, madeOn: latest.madeOn, field: latest.field, referencePrice: latest.reference,
            model: name,
            // The chosen model's own version that day (the published row's version holds the evidence).
            modelVersion: forecasts.first { $0.madeOn == latest.madeOn && $0.model == name }?.modelVersion
                ?? latest.modelVersion,
            steps: latest.steps.map { step in
                SiteContent.ForecastStep(
                    horizon: step.horizon, targetDay: step.targetDay, forecast: step.forecast,
                    persistence: persistence?.steps.first { $0.horizon == step.horizon }?.forecast)
            })
    }

    /// Every step `model` ever forecast, with persistence's forecast of the same day and the actual.
    public func entries(of model: String) -> [SiteContent.LedgerEntry] {
        let persistence = persistenceByDay
        return forecasts.filter { $0.model == model }.flatMap { forecast in
            forecast.steps.map { step in
                SiteContent.LedgerEntry(
                    madeOn: forecast.madeOn, origin: forecast.origin, targetDay: step.targetDay,
                    horizon: step.horizon, model: forecast.model, modelVersion: forecast.modelVersion,
                    forecast: step.forecast,
                    persistence: persistence[forecast.madeOn]?.steps.first { $0.horizon == step.horizon }?.forecast,
                    actual: actuals.value(field: forecast.field, on: step.targetDay), referencePrice: forecast.reference
                )
            }
        }
    }
}
