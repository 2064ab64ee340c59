import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteSite
import ForesiteStore
import Foundation

/// Maps what the store, ledger, registry and backtests hold into the site's `SiteContent`.
///
/// The site shows only what was recorded: forecasts from the ledger, accuracy from the ledger joined
/// with actuals and from stored backtests, metrics from the registry. Nothing is re-predicted here.
enum SiteContentLoader {
    /// Model versions whose bundle is read for the model card's details; older ones show registry data only,
    /// so build time does not grow with the number of versions ever trained.
    static let detailedModels = 8

    static func load(
        _ workspace: Workspace, from store: FeatureStore, staleNotice: SiteContent.StaleNotice?
    ) throws -> SiteContent {
        let config = workspace.config
        let today = workspace.today
        let summaries = try store.summaries(today: today)
        let targetLast = summaries.first { $0.group.name == config.target.group }?.lastCompleteDay
        let asOf = targetLast ?? today.adding(days: -1)

        // Only the days the pages show (the downloads read the whole history through `history(_:)`), and for
        // the target also every day the ledger forecast, for the actuals.
        // One read of the ledger: the published rows, and the forecasts grouped from them.
        let (records, verification) = try store.ledger.verifiedRecords()
        let forecasts = IssuedForecast.grouping(records)
        let windowStart = DisplayWindow.firstDay(through: asOf, historyDays: config.site.historyDays)
        let ledgerStart = forecasts.lazy.flatMap { $0.steps.map(\.targetDay) }.min()
        // The pages chart price series; a CSV series is listed with the feature groups (data quality) only.
        let priceSeries = config.instruments.filter { $0.source == .cryptocompare }
        var prices: [String: [Candle]] = [:]
        for instrument in priceSeries {
            let from = instrument == config.target ? min(windowStart, ledgerStart ?? windowStart) : windowStart
            prices[instrument.group] = try store.candles(group: instrument.group, from: from)
        }
        let actuals = LiveScores.Actuals(candles: prices[config.target.group] ?? [])
        let live = LiveScores(forecasts: forecasts, actuals: actuals)
        let board = LiveLeaderboard(scores: live, asOf: asOf)
        let catalog = workspace.catalog
        let published = ModelID.published
        let versions = try modelVersions(workspace, store: store)
        let latest = live.latestForecast(of: published)

        return SiteContent(
            site: config.site, asOf: asOf, isDemo: workspace.isDemo, staleNotice: staleNotice, target: config.target,
            targetField: config.targetFieldName,
            valueStyle: config.target.source == .csv ? .plain(name: config.targetFieldName) : .price,
            covariates: config.covariates.filter { priceSeries.contains($0) },
            csvSeries: config.instruments.filter { $0.source == .csv },
            prices: prices,
            fearGreed: config.fearGreed.enabled ? try store.fearGreed(from: windowStart) : [],
            latestForecast: latest, latestPersistence: latest.flatMap { live.persistence(madeOn: $0.madeOn) },
            ledger: live.entries(of: published),
            liveSkill: live.skillTable(of: published), ledgerRecords: records, ledgerVerification: verification,
            modelSummaries: modelSummaries(
                catalog, config: config, recorded: Set(forecasts.map(\.model)), versions: versions),
            leaderboards: board.leaderboards(),
            publication: board.publication(windowDays: config.selection.windowDays),
            archive: board.archive(order: catalog.ids),
            backtest: try store.backtests.latest().map(BacktestSummaryLoader.backtestSummary),
            models: versions,
            featureGroups: summaries.map { summary in
                SiteContent.FeatureGroupSummary(
                    name: summary.group.name, description: summary.group.description, rows: summary.rows,
                    firstDay: summary.firstDay, lastDay: summary.lastDay, missingDays: summary.missingDays.count,
                    incompleteDays: summary.incompleteDays.count)
            },
            rejections: try store.rejections(limit: 200).map {
                SiteContent.ValidationRejection(group: $0.group, day: $0.day, reason: $0.reason)
            })
    }

    /// Every model the catalog turns on or the ledger holds forecasts of, in catalog order.
    /// - Parameters:
    ///   - recorded: the models the ledger holds forecasts of.
    ///   - versions: the registry's versions, for the LSTM of the configured mode.
    static func modelSummaries(
        _ catalog: ModelCatalog, config: Config, recorded: Set<ModelID>, versions: [SiteContent.ModelVersion]
    ) -> [SiteContent.ModelSummary] {
        let data = ModelData(frame: FeatureFrame(days: [], columns: [], rows: []), config: config)
        let enabled = Set(catalog.enabledIDs(config))
        let lstmOfRegistry = LSTMModel.id(for: config.model.targetMode)
        func summary(_ description: ModelDescription) -> SiteContent.ModelSummary {
            SiteContent.ModelSummary(
                id: description.id, title: description.title, method: description.method,
                inputs: description.inputs,
                parameters: description.parameters.map { SiteContent.Setting($0.name, $0.value) },
                enabled: enabled.contains(description.id),
                versions: description.id == lstmOfRegistry ? versions : [])
        }
        let members = catalog.enabledModels(config).filter(\.joinsEnsemble).map(\.id)
        return
            (catalog.models.map { summary($0.describe(data)) }
            + catalog.combinations.map { summary($0.describe(members: members)) })
            .filter { enabled.contains($0.id) || recorded.contains($0.id) }
    }

    /// The whole stored history, read one group at a time while its CSV download is written.
    static func history(_ store: FeatureStore) -> HistorySource {
        HistorySource(
            candles: { try store.candles(group: $0) }, fearGreed: { try store.fearGreed() },
            values: { try store.values(group: $0) })
    }

    static func modelVersions(_ workspace: Workspace, store: FeatureStore) throws -> [SiteContent.ModelVersion] {
        let records = try store.registry.all().sorted { $0.createdAt > $1.createdAt }
        return records.enumerated().map { index, record in
            let bundle =
                index < detailedModels || record.isChampion
                ? try? ModelBundle.read(
                    from: workspace.url(record.artifactPath), expectingSHA256: record.artifactSHA256)
                : nil
            return modelVersion(record, bundle: bundle, inDollars: workspace.config.target.source != .csv)
        }
    }

    /// - Parameter inDollars: whether the target is a price, so errors are named in US dollars ("MAE (USD)");
    ///   a CSV target's are in its own units ("MAE").
    static func modelVersion(
        _ record: ModelRecord, bundle: ModelBundle?, inDollars: Bool = true
    ) -> SiteContent.ModelVersion {
        let unit = inDollars ? " (USD)" : ""
        let created = Day(iso: record.createdAt.prefix(10)) ?? record.dataLastDay
        var metrics: [SiteContent.ModelMetric] = []
        let evaluation =
            bundle?.evaluation
            ?? (try? JSONDecoder().decode(ModelArtifact.Evaluation.self, from: Data(record.metricsJSON.utf8)))
        if let evaluation {
            for (split, part) in [("validation", evaluation.validation), ("test", evaluation.test)] {
                metrics += [
                    SiteContent.ModelMetric(
                        split: split, name: "MAE\(unit)", model: part.model.mae, persistence: part.naive.mae),
                    SiteContent.ModelMetric(
                        split: split, name: "RMSE\(unit)", model: part.model.rmse, persistence: part.naive.rmse),
                    SiteContent.ModelMetric(
                        split: split, name: "MAPE (%)", model: part.model.mape, persistence: part.naive.mape),
                    SiteContent.ModelMetric(
                        split: split, name: "R²", model: part.model.r2, persistence: part.naive.r2),
                ]
            }
        }
        let lead = bundle?.lead
        let architecture =
            lead.map {
                "LSTM(\($0.architecture.lstmUnits)) → Dense(\($0.architecture.denseUnits), relu) → "
                    + "Dense(\($0.architecture.outputUnits)); window \($0.architecture.window) days × "
                    + "\($0.architecture.features) inputs"
            } ?? "—"
        var hyperparameters: [SiteContent.Setting] = []
        if let lead, let bundle {
            hyperparameters = [
                SiteContent.Setting("epochs", "\(lead.training.epochsRun) of \(lead.training.epochsPlanned)"),
                SiteContent.Setting("best epoch", "\(lead.training.bestEpoch)"),
                SiteContent.Setting("batch", "\(lead.training.batchSize)"),
                SiteContent.Setting("learning rate", "\(lead.training.learningRate)"),
                SiteContent.Setting("seed", "\(lead.training.seed)"),
                SiteContent.Setting("ensemble members", "\(bundle.members.count)"),
                SiteContent.Setting(
                    "intervals",
                    bundle.calibration.levels.map { String(format: "%.0f %%", $0 * 100) }.joined(separator: ", ")),
            ]
        }
        return SiteContent.ModelVersion(
            version: record.version, created: created, mode: record.targetMode.rawValue, isChampion: record.isChampion,
            architecture: architecture, hyperparameters: hyperparameters,
            trainingFrom: lead?.data.training.first ?? record.dataFirstDay,
            trainingTo: lead?.data.training.last ?? record.testFirstDay, inputs: lead?.inputs ?? [],
            metrics: metrics, notes: record.notes.isEmpty ? nil : record.notes)
    }
}
