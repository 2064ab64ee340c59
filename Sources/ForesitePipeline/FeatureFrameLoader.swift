import ForesiteCore
import ForesiteML
import ForesiteStore

/// Reads the feature groups the model needs from the store and joins them into a `FeatureFrame`
/// (complete days present in every group; see `FeatureFrame.join`).
enum FeatureFrameLoader {
    static func load(_ workspace: Workspace, from store: FeatureStore, through last: Day? = nil) throws -> FeatureFrame
    {
        let columns = workspace.frameColumns
        let groups = Set(
            columns.compactMap { column -> String? in
                let group = column.split(separator: ".").first.map(String.init) ?? column
                return group == "fear_greed" ? nil : group
            })
        var candles: [String: [Candle]] = [:]
        for group in groups.sorted() {
            candles[group] = try store.candles(group: group, to: last)
        }
        let needsFearGreed = columns.contains { $0.hasPrefix("fear_greed.") }
        let fearGreed = needsFearGreed ? try store.fearGreed(to: last) : nil
        return try FeatureFrame.join(candles: candles, fearGreed: fearGreed, columns: columns)
    }
}
