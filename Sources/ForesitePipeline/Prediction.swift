import ForesiteCore
import ForesiteForecast
import ForesiteML
import ForesiteStore
import Foundation

/// `foresite predict`: from the last complete day, every enabled model's quantile forecast of the next
/// `horizon` days, and the published one (`ModelSelection`), all appended to the ledger in one
/// transaction — once per day and model; the first forecast of a day stands.
public enum Prediction {
    public struct Report: Sendable {
        /// The published forecast (the ledger's "published" row: the selected model's quantiles, the
        /// choice and its evidence in `modelVersion`).
        public var published: IssuedForecast
        /// Every model's forecast of the day, in catalog order (persistence first).
        public var forecasts: [IssuedForecast]
        public var append: LedgerAppend
        /// Forecasts not recorded because the day's ledger already held another forecast of that model
        /// (a rerun with a new champion or corrected data): the first forecast of a day stands.
        public var notRecorded: [IssuedForecast]

        /// A model's forecast of the day.
        public func forecast(of model: ModelID) -> IssuedForecast? { forecasts.first { $0.model == model } }
        public var persistence: IssuedForecast? { forecast(of: .persistence) }
    }

    public static func run(_ workspace: Workspace, store: FeatureStore) throws -> Report {
        let config = workspace.config
        let catalog = workspace.catalog
        try catalog.validate(config)
        let today = workspace.today
        let frame = try FeatureFrameLoader.load(workspace, from: store, through: today.adding(days: -1))
        guard let origin = frame.days.last else {
            throw PipelineError.staleData(group: config.target.group, lastDay: nil, today: today)
        }
        let data = ModelData(frame: frame, config: config)
        let reference = try frame.values(of: config.referenceColumn)[frame.days.count - 1]
        let inputHash = WindowFingerprint.of(days: frame.days, rows: frame.rows)
        let models = catalog.enabledModels(config)
        let champion = try championFit(workspace, store: store)
        // A model that needs a longer history than the store holds sits the day out (persistence never does).
        let made = try models.concurrentMap(in: workspace.parallelism) {
            model -> (id: ModelID, version: String, steps: [QuantileForecast])? in
            let fitted: any FittedModel
            if let champion, champion.model == model.id {
                fitted = champion.fitted
            } else if model.refit == .scheduled && model.id == LSTMModel.id(for: config.model.targetMode) {
                throw PipelineError.noChampion
            } else {
                do {
                    fitted = try model.fit(data)
                } catch ForecastError.tooLittleHistory where model.id != .persistence {
                    return nil
                }
            }
            do {
                return (model.id, fitted.version, try fitted.forecast(data))
            } catch ForecastError.tooLittleHistory where model.id != .persistence {
                return nil
            }
        }.compactMap { $0 }
        var byModel = Dictionary(uniqueKeysWithValues: made.map { ($0.id, $0.steps) })
        var versions = Dictionary(uniqueKeysWithValues: made.map { ($0.id, $0.version) })
        let members = byModel.filter { id, _ in models.first { $0.id == id }?.joinsEnsemble == true }
        for combination in catalog.enabledCombinations(config) where members.count >= 2 {
            byModel[combination.id] = try combination.combine(members)
            versions[combination.id] = "median of " + members.keys.sorted().map(\.rawValue).joined(separator: " ")
        }
        func issued(_ model: ModelID, version: String, steps: [QuantileForecast]) -> IssuedForecast {
            IssuedForecast(
                model: model, modelVersion: version, madeOn: today, origin: origin, targetGroup: config.target.group,
                field: config.targetFieldName, reference: reference, inputHash: inputHash,
                steps: steps.enumerated().map { index, forecast in
                    IssuedForecast.Step(
                        horizon: index + 1, targetDay: origin.adding(days: index + 1), forecast: forecast)
                })
        }
        let ids = catalog.enabledIDs(config)
        let forecasts = ids.compactMap { id in
            byModel[id].map { issued(id, version: versions[id] ?? id.rawValue, steps: $0) }
        }
        let choice = try PublishedChoice.choose(
            workspace, store: store, on: today,
            candidates: ids.filter { id in
                byModel[id] != nil && catalog.models.first { $0.id == id }?.joinsEnsemble ?? true
            })
        let published = issued(
            .published, version: choice.ledgerVersion,
            steps: (0..<config.model.horizon).map { index in byModel[choice.models[index]]![index] })

        var notRecorded: [IssuedForecast] = []
        let append = try store.write(command: "predict") { writer in
            var result = LedgerAppend.alreadyRecorded
            for candidate in forecasts + [published] {
                // The first forecast of a day stands: a rerun with a new champion or corrected data (and
                // so a different ensemble or choice) is reported, not recorded. The conflict is found
                // before anything is written, so the transaction goes on with the next model.
                do {
                    if try writer.append(candidate) == .appended { result = .appended }
                } catch StoreError.ledgerConflict {
                    notRecorded.append(candidate)
                }
            }
            return result
        }
        let recorded = try store.ledger.forecasts(from: today, to: today)
        let order = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        return Report(
            published: recorded.first { $0.model == .published } ?? published,
            forecasts: recorded.filter { order[$0.model] != nil }.sorted { order[$0.model]! < order[$1.model]! },
            append: append, notRecorded: notRecorded)
    }

    /// The registry's champion as the fitted LSTM of its mode; nil before the first training.
    static func championFit(_ workspace: Workspace, store: FeatureStore) throws -> (
        model: ModelID, fitted: FittedLSTM
    )? {
        guard let champion = try store.registry.champion() else { return nil }
        let bundle = try ModelBundle.read(
            from: workspace.url(champion.artifactPath), expectingSHA256: champion.artifactSHA256)
        return (LSTMModel.id(for: champion.targetMode), FittedLSTM(forecaster: try bundle.forecaster()))
    }
}
