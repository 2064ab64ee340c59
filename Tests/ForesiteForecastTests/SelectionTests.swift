import ForesiteCore
import ForesiteForecast
import ForesiteML
import Foundation
import Testing

/// Issue 12: the machinery publishes persistence when there is nothing to find, and finds skill when
/// there is some. A walk-forward of persistence, the quantile autoregression and a small LSTM over a
/// synthetic series, then the selection replayed over it day by day (window 90 days, one model for all
/// horizons), as the daily job would have published.
@Suite(.serialized)
struct SelectionTests {
    /// The synthetic asset: close with the given daily log returns, and `other.open` leading it.
    static func config() -> Config {
        var config = Config()
        config.target = Config.Instrument(group: "asset", market: "synthetic", instrument: "ASSET")
        config.covariates = [Config.Instrument(group: "other", market: "synthetic", instrument: "OTHER")]
        config.fearGreed.enabled = false
        config.model.inputs = SyntheticReturns.columns
        config.model.window = 5
        config.model.horizon = 2
        config.model.hidden = 8
        config.model.dense = 4
        config.model.epochs = 40
        config.model.patience = 0
        config.model.learningRate = 3e-3
        config.model.ensemble = 1
        return config
    }

    static func backtest(returns: [Double], lead: [Double]?) throws -> BacktestResult {
        let frame = SyntheticReturns.frame(returns: returns, lead: lead)
        let config = config()
        let catalog = ModelCatalog(
            models: [
                PersistenceModel(), QuantileARModel(),
                LSTMModel(mode: .returns, model: config.model, enabledByDefault: true),
            ])
        let last = frame.days.count - 1 - config.model.horizon
        let settings = BacktestSettings(
            config: config, from: frame.days[last - 239], to: frame.days[last], retrainEvery: 60, catalog: catalog)
        return try Backtest.walkForward(frame: frame, settings: settings, catalog: catalog)
    }

    static func replay(_ result: BacktestResult) -> BacktestResult.SelectionReplay {
        result.replay(ModelSelection(windowDays: 90, scope: .overall), candidates: ["quantile-ar", "lstm"])
    }

    @Test func aRandomWalkPublishesPersistence() throws {
        let returns = SyntheticReturns.autoregressive(phi: 0, count: 1000, seed: 21)
        let result = try Self.backtest(returns: returns, lead: nil)
        let replay = Self.replay(result)
        let persistence = replay.choices.values.filter { $0.allSatisfy { $0 == .persistence } }.count
        // Over 240 days, a chance "better" at the 5 % level may win a few days; persistence wins the rest.
        #expect(Double(persistence) >= 0.9 * Double(replay.choices.count), "\(replay.counts)")
        #expect(replay.skill.overall.verdict != .better)
    }

    /// `other.open` moves one day before the asset: r_asset(t + 1) = 0.9 · r_other(t) + small noise.
    @Test func aLeadingCovariateIsFoundAndPublished() throws {
        var generator = SeededGenerator(seed: 5)
        let lead = (0..<1000).map { _ in 0.03 * generator.nextGaussian() }
        let returns = [0] + (1..<1000).map { 0.9 * lead[$0 - 1] + 0.005 * generator.nextGaussian() }
        let result = try Self.backtest(returns: returns, lead: lead)
        for model: ModelID in ["quantile-ar", "lstm"] {
            let overall = result.skill(of: model).overall
            #expect(overall.relativeWIS < 0.9 && overall.verdict == .better, "\(model): \(overall.relativeWIS)")
        }
        let replay = Self.replay(result)
        let late = replay.choices.filter { $0.key >= result.origins[120] }.values
        #expect(late.allSatisfy { $0.allSatisfy { ["quantile-ar", "lstm"].contains($0) } }, "\(replay.counts)")
        #expect(replay.skill.overall.relativeWIS < 0.9 && replay.skill.overall.verdict == .better)
    }
}
