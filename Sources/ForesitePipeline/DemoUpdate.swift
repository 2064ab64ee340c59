import ForesiteCore
import ForesiteIngest
import ForesiteStore

/// The demo's "update" stage: the seeded synthetic market (`DemoMarket`) instead of the APIs, written
/// through the same validation and upsert as real data. Only days after each group's last complete day
/// are written, so a daily demo run appends one day, like a real one.
public enum DemoUpdate {
    /// The demo market's seed; fixed so every demo site shows the same market.
    public static let marketSeed: UInt64 = 2019

    /// For `DailyRun.run(updater:)`.
    public static let updater: DailyRun.Updater = { workspace, store in try run(workspace, store: store) }

    public static func run(_ workspace: Workspace, store: FeatureStore) throws -> SourceUpdate {
        let config = workspace.config
        let lastClosed = workspace.today.adding(days: -1)
        let history = DemoMarket(seed: marketSeed).history(instruments: config.instruments.count, through: lastClosed)
        let summaries = try store.write(command: "update --demo") { writer in
            var summaries: [UpsertSummary] = []
            for (index, instrument) in config.instruments.enumerated() {
                let since = try store.lastCompleteDay(group: instrument.group)
                let rows = history.candles[index].filter { since == nil || $0.day > since! }
                summaries.append(try writer.upsert(rows, into: instrument.group))
            }
            if config.fearGreed.enabled {
                let since = try store.fearGreed().last?.day
                summaries.append(try writer.upsert(history.fearGreed.filter { since == nil || $0.day > since! }))
            }
            return summaries
        }
        return SourceUpdate(summaries: summaries)
    }
}
