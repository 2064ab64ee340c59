import ForesiteCore
import ForesiteML

/// `lstm` (returns mode) and `lstm-seed` (the original project's MinMax levels): the Keras-exact LSTM,
/// an ensemble of `ensemble` members with seeds seed, seed+1, …, its quantiles from split-conformal
/// calibration on the held-out windows (ModelFormat.md).
///
/// Fitting trains it (seconds), so the live pipeline trains it on `retrain_every_days`'s schedule and
/// keeps it in the model registry; a backtest fits it at every retraining day.
public struct LSTMModel: ForecastModel {
    public var mode: Config.TargetMode
    public var model: Config.Model
    public var enabledByDefault: Bool
    /// The jobs a fit's ensemble members may share (with whatever else draws on the same budget).
    public var parallelism: Parallelism

    public init(
        mode: Config.TargetMode, model: Config.Model, enabledByDefault: Bool, parallelism: Parallelism = .allCores
    ) {
        self.mode = mode
        self.model = model
        self.enabledByDefault = enabledByDefault
        self.parallelism = parallelism
    }

    public static func id(for mode: Config.TargetMode) -> ModelID {
        mode == .returns ? .lstm : "lstm-seed"
    }

    public var id: ModelID { Self.id(for: mode) }
    public var refit: ModelRefit { .scheduled }

    public func describe(_ data: ModelData) -> ModelDescription {
        let wording = data.wording
        let target =
            mode == .returns
            ? "\(wording.logReturns) from \(wording.latest) (standardised per horizon, daily-move inputs), each "
                + "horizon shrunk towards persistence by a factor fitted on the validation windows"
            : "MinMax-scaled \(wording.levels), exactly as the original project"
        return ModelDescription(
            id: id, title: mode == .returns ? "LSTM (returns)" : "LSTM (seed, the original)",
            method: "A Keras-exact LSTM(\(model.hidden)) → Dense(\(model.dense), ReLU) → Dense(\(model.horizon)) "
                + "reads \(model.window) days of the inputs and predicts \(target). The median is the average of "
                + "\(model.ensemble) member\(model.ensemble == 1 ? "" : "s"); the quantiles are split-conformal "
                + "intervals around it, calibrated on held-out windows.",
            inputs: data.inputs,
            parameters: [
                .init("window", "\(model.window) days"), .init("hidden units", "\(model.hidden)"),
                .init("dense units", "\(model.dense)"), .init("epochs", "\(model.epochs)"),
                .init("early stopping", model.patience == 0 ? "off" : "patience \(model.patience)"),
                .init("batch", "\(model.batch)"), .init("learning rate", "\(model.learningRate)"),
                .init("seed", "\(model.seed)"), .init("ensemble members", "\(model.ensemble)"),
            ])
    }

    public func fit(_ data: ModelData) throws -> any FittedModel {
        let set = try TrainingSet.build(
            frame: data.frame, inputs: data.inputs, target: data.target, window: model.window,
            horizon: data.horizon, mode: mode)
        let ensemble = try Ensemble.train(
            on: set, trainer: Trainer(model), size: max(model.ensemble, 1), parallelism: parallelism)
        let calibration = try ConformalCalibration(ensemble: ensemble, heldOutOf: set, levels: data.levels)
        let through = data.lastDay?.iso ?? "?"
        return FittedLSTM(
            forecaster: try Forecaster(
                ensemble: ensemble, calibration: calibration,
                modelVersion: "\(id.rawValue) trained through \(through); seeds "
                    + ensemble.seeds.map(String.init).joined(separator: " ") + "; best epochs "
                    + ensemble.bestEpochs.map(String.init).joined(separator: " ")))
    }
}

/// A trained LSTM ensemble and its calibration: from a fit, or the registry's champion.
public struct FittedLSTM: FittedModel {
    public let forecaster: Forecaster

    public init(forecaster: Forecaster) { self.forecaster = forecaster }

    public var version: String { forecaster.modelVersion }

    public func forecast(_ data: ModelData) throws -> [QuantileForecast] {
        guard let origin = data.lastDay else {
            throw ForecastError.tooLittleHistory(method: "lstm", needed: 1, available: 0)
        }
        let ensemble = forecaster.ensemble
        let window = try InputWindow(
            frame: data.frame, origin: origin, columns: ensemble.inputs, target: ensemble.target,
            length: ensemble.window)
        return try forecaster.forecast(window: window, madeOn: origin).steps.map(\.forecast)
    }
}
