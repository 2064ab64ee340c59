import ForesiteCore
import ForesiteML
import ForesiteStore

/// Reads the feature groups the model needs from the store and joins them into a `FeatureFrame`
/// (complete days present in every group; see `FeatureFrame.join`). Each group is read as the kind of
/// rows its configured source fills: candles, Fear & Greed readings or a CSV series' columns.
enum FeatureFrameLoader {
    static func load(_ workspace: Workspace, from store: FeatureStore, through last: Day? = nil) throws -> FeatureFrame
    {
        let columns = workspace.frameColumns
        let names = Set(columns.map { $0.split(separator: ".").first.map(String.init) ?? $0 })
        var groups: [String: GroupHistory] = [:]
        for series in workspace.config.series where names.contains(series.group) {
            switch FeatureGroup.Kind(source: series.source) {
            case .candle:
                groups[series.group] = GroupHistory(candles: try store.candles(group: series.group, to: last))
            case .fearGreed:
                groups[series.group] = GroupHistory(fearGreed: try store.fearGreed(to: last))
            case .dailyValue:
                groups[series.group] = GroupHistory(
                    values: try store.values(group: series.group, to: last), columns: series.fields)
            }
        }
        return try FeatureFrame.join(groups, columns: columns)
    }
}
