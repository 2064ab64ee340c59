import ForesiteCore
import Foundation

extension SiteContent {
    /// A complete, deterministic, clearly-labelled demo snapshot: `days` of SOL-like and BTC-like prices,
    /// Fear & Greed, six models (persistence, drift, lstm, garch, quantile-ar and their median ensemble)
    /// forecasting each of the last `forecastDays` days into a hash-chained ledger, their leaderboards over
    /// 30 days, 90 days and all, the publication history, an archive day per origin, live skill against
    /// persistence, a backtest, two LSTM versions and a few validation rejections.
    ///
    /// It exists so the site can be rendered without a store: snapshot tests, the `site-build` benchmark
    /// and template work in `foresite preview`. `isDemo` is always true, so every page says so.
    public static func synthetic(
        days: Int = 400, asOf: Day = Day(iso: "2025-01-05")!, forecastDays: Int = 60, seed: UInt64 = 7,
        site: Config.Site = Config.Site()
    ) -> SiteContent {
        let config = Config()
        var generator = SeededGenerator(seed: seed)
        let first = asOf.adding(days: -(days - 1))
        var sol: [Candle] = []
        var btc: [Candle] = []
        var fearGreed: [FearGreedReading] = []
        var solOpen = 24.0
        var btcOpen = 21_000.0
        var sentiment = 50.0
        for index in 0..<days {
            let day = first.adding(days: index)
            let common = generator.nextGaussian()
            let solReturn = 0.0004 + 0.04 * (0.7 * common + 0.71 * generator.nextGaussian())
            let btcReturn = 0.0003 + 0.025 * common
            sol.append(candle(day: day, open: solOpen, change: solReturn, generator: &generator))
            btc.append(candle(day: day, open: btcOpen, change: btcReturn, generator: &generator))
            sentiment = min(97, max(4, sentiment * 0.97 + 1.5 + 120 * solReturn + 2 * generator.nextGaussian()))
            let value = Int(sentiment.rounded())
            fearGreed.append(FearGreedReading(day: day, value: value, classification: FearGreedClass(value: value)))
            solOpen *= exp(solReturn)
            btcOpen *= exp(btcReturn)
        }
        let market = SyntheticForecasts(candles: sol)
        let horizons = 1...config.model.horizon
        let origins = (0..<forecastDays).map { asOf.adding(days: -forecastDays + 1 + $0) }
        let byModel = syntheticForecasts(
            market: market, origins: origins, horizons: horizons, asOf: asOf, generator: &generator)
        let leaderboards = syntheticLeaderboards(byModel, asOf: asOf)
        let publication = syntheticPublication(leaderboards, origins: origins.filter { market.close($0) != nil })
        let ledger = origins.flatMap { origin in
            (byModel[publication.history[origin] ?? publication.model] ?? []).filter { $0.origin == origin }
        }
        let latest = ledger.filter { $0.origin == asOf }
        let forecast = syntheticIssued(
            publication.model, version: latest.first?.modelVersion ?? "1", origin: asOf,
            reference: market.close(asOf) ?? 0, entries: latest)
        let persistence = syntheticIssued(
            .persistence, version: syntheticVersion(.persistence), origin: asOf, reference: market.close(asOf) ?? 0,
            entries: (byModel[.persistence] ?? []).filter { $0.origin == asOf })
        let models = syntheticModels(config: config, first: first, asOf: asOf)
        return SiteContent(
            site: site, asOf: asOf, isDemo: true, target: config.target, targetField: "close",
            covariates: config.covariates, prices: ["solana": sol, "bitcoin": btc], fearGreed: fearGreed,
            latestForecast: latest.isEmpty ? nil : forecast,
            latestPersistence: persistence.steps.isEmpty ? nil : persistence, ledger: ledger,
            liveSkill: skillTable(model: publication.model.rawValue, entries: ledger),
            ledgerRecords: syntheticRecords(byModel, publication: publication),
            modelSummaries: syntheticSummaries(config: config, versions: models), leaderboards: leaderboards,
            publication: publication,
            archive: syntheticArchive(byModel, publication: publication, market: market, asOf: asOf),
            backtest: syntheticBacktest(market: market, asOf: asOf, horizons: horizons, generator: &generator),
            models: models,
            featureGroups: [
                FeatureGroupSummary(
                    name: "solana", description: config.target.description, rows: sol.count, firstDay: first,
                    lastDay: asOf, missingDays: 0, incompleteDays: 0),
                FeatureGroupSummary(
                    name: "bitcoin", description: config.covariates[0].description, rows: btc.count,
                    firstDay: first, lastDay: asOf, missingDays: 0, incompleteDays: 0),
                FeatureGroupSummary(
                    name: Config.fearGreedGroup, description: "Crypto Fear & Greed Index (alternative.me)",
                    rows: fearGreed.count, firstDay: first, lastDay: asOf.adding(days: -1), missingDays: 1,
                    incompleteDays: 0),
            ],
            rejections: [
                ValidationRejection(group: "solana", day: asOf.adding(days: -12), reason: "high 0 is below low 21.5"),
                ValidationRejection(group: Config.fearGreedGroup, day: asOf, reason: "day has not closed yet"),
            ])
    }

    private static func candle(day: Day, open: Double, change: Double, generator: inout SeededGenerator) -> Candle {
        let close = open * exp(change)
        let high = max(open, close) * (1 + 0.015 * abs(generator.nextGaussian()))
        let low = min(open, close) * (1 - 0.015 * abs(generator.nextGaussian()))
        let volume = 1_000_000 * (1 + 0.3 * abs(generator.nextGaussian()))
        let buy = volume * (0.45 + 0.1 * generator.nextUnit())
        return Candle(
            day: day, open: open, high: high, low: low, close: close, volume: volume, volumeBuy: buy,
            volumeSell: volume - buy)
    }

    private static func syntheticModels(config: Config, first: Day, asOf: Day) -> [ModelVersion] {
        let hyperparameters = [
            Setting("window", "\(config.model.window)"), Setting("hidden", "\(config.model.hidden)"),
            Setting("dense", "\(config.model.dense)"), Setting("epochs", "\(config.model.epochs)"),
            Setting("batch", "\(config.model.batch)"), Setting("learning rate", "0.0001"),
            Setting("seed", "\(config.model.seed)"),
        ]
        let architecture = "LSTM(30) → Dense(10, relu) → Dense(10)"
        return [
            ModelVersion(
                version: "v2", created: asOf.adding(days: -3), mode: "returns", isChampion: true,
                architecture: architecture, hyperparameters: hyperparameters, trainingFrom: first,
                trainingTo: asOf.adding(days: -4), inputs: config.model.inputs,
                metrics: [
                    ModelMetric(split: "validation", name: "MAE (USD)", model: 3.92, persistence: 3.95),
                    ModelMetric(split: "validation", name: "WIS (USD)", model: 2.71, persistence: 2.74),
                    ModelMetric(split: "test", name: "MAE (USD)", model: 5.10, persistence: 5.08),
                    ModelMetric(split: "test", name: "WIS (USD)", model: 3.62, persistence: 3.60),
                ], notes: "Retrained on schedule."),
            ModelVersion(
                version: "v1", created: asOf.adding(days: -10), mode: "seed", isChampion: false,
                architecture: architecture, hyperparameters: hyperparameters, trainingFrom: first,
                trainingTo: asOf.adding(days: -11), inputs: config.model.inputs,
                metrics: [
                    ModelMetric(split: "validation", name: "MAE (USD)", model: 4.40, persistence: 3.95),
                    ModelMetric(split: "test", name: "MAE (USD)", model: 5.90, persistence: 5.08),
                ]),
        ]
    }
}
