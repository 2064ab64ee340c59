import ForesiteCore
import ForesiteStore

/// The demo's extra stage: a short walk-forward backtest so the accuracy page has something to show on
/// the first day. It reruns only once the stored one is a month old, so daily demo runs stay fast.
public enum DemoBacktest {
    /// Origins backtested: the last 60 days whose targets are known, retrained every 30 days.
    public static let origins = 60
    public static let retrainEvery = 30

    public static let stage: (name: String, run: @Sendable (Workspace, FeatureStore) throws -> String) = (
        "backtest", { workspace, store in try run(workspace, store: store) }
    )

    public static func run(_ workspace: Workspace, store: FeatureStore) throws -> String {
        let horizon = workspace.config.model.horizon
        if let latest = try store.backtests.latest(), workspace.today.days(since: latest.toDay) < retrainEvery + horizon
        {
            return "kept the backtest of \(latest.fromDay) … \(latest.toDay)"
        }
        guard let last = try store.lastCompleteDay(group: workspace.config.target.group) else {
            return "skipped: no data"
        }
        let to = last.adding(days: -horizon)
        let report = try Backtesting.run(
            workspace, store: store,
            options: Backtesting.Options(
                from: to.adding(days: 1 - origins), to: to, retrainEvery: retrainEvery, ensemble: 1))
        let result = report.result
        return "\(result.origins.count) origins \(result.settings.from) … \(result.settings.to), "
            + "\(result.fits.count) trainings"
    }
}
