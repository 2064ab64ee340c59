/// Checks that `model.inputs` names only columns that will exist: a field of a configured series (a
/// price group's OHLCV fields, Fear & Greed's while it is enabled, a CSV group's columns); each at most once.
enum ConfigInputs {
    /// `inputNodes` are the list items when the file sets `model.inputs`; nil when the defaults apply,
    /// in which case a bad reference is reported at `modelNode` (the defaults no longer fit the groups).
    static func check(_ config: Config, inputNodes: [ConfigNode]?, modelNode: ConfigNode) throws {
        var seen: Set<String> = []
        for (index, input) in config.model.inputs.enumerated() {
            let node =
                inputNodes?[index]
                ?? ConfigNode(node: modelNode.node, key: "model.inputs", file: modelNode.file)
            if let problem = problem(with: input, config: config) {
                if inputNodes == nil {
                    throw ConfigError.invalidValue(
                        file: node.file, line: node.line, key: "model.inputs",
                        requirement: "set explicitly: the default input \"\(input)\" \(problem)",
                        got: "the default")
                }
                throw node.invalid("a group.field column that exists (\(problem))")
            }
            guard seen.insert(input).inserted else { throw node.invalid("listed only once") }
        }
    }

    /// Why `input` names no column, or nil when it does.
    private static func problem(with input: String, config: Config) -> String? {
        let parts = input.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2 else { return "expected group.field" }
        let (group, field) = (parts[0], parts[1])
        if group == Config.fearGreedGroup && !config.fearGreed.enabled {
            return "\(Config.fearGreedGroup).enabled is false"
        }
        guard let series = config.series.first(where: { $0.group == group }) else {
            return "no group '\(group)'; groups: " + config.series.map(\.group).joined(separator: ", ")
        }
        guard series.fields.contains(field) else {
            let owner = series.source == .cryptocompare ? "a price group" : group
            return "fields of \(owner): " + series.fields.joined(separator: ", ")
        }
        return nil
    }
}
