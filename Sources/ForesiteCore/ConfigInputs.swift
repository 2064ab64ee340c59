extension Config {
    /// The store name of the Fear & Greed feature group (and the prefix of its input columns).
    public static let fearGreedGroup = "fear_greed"
    /// Columns of every price group, as written in `model.inputs` (`solana.volume_buy`).
    public static let priceFields = ["open", "high", "low", "close", "volume", "volume_buy", "volume_sell"]
    /// Columns of the `fear_greed` group.
    public static let fearGreedFields = ["value", "classification"]
}

/// Checks that `model.inputs` names only columns that will exist: a field of a configured price group,
/// or of `fear_greed` while it is enabled; each at most once.
enum ConfigInputs {
    static let fearGreedGroup = Config.fearGreedGroup

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
        if group == fearGreedGroup {
            guard config.fearGreed.enabled else { return "fear_greed.enabled is false" }
            guard Config.fearGreedFields.contains(field) else {
                return "fields of fear_greed: " + Config.fearGreedFields.joined(separator: ", ")
            }
            return nil
        }
        guard config.instruments.contains(where: { $0.group == group }) else {
            let groups = config.instruments.map(\.group) + (config.fearGreed.enabled ? [fearGreedGroup] : [])
            return "no group '\(group)'; groups: " + groups.joined(separator: ", ")
        }
        guard Config.priceFields.contains(field) else {
            return "fields of a price group: " + Config.priceFields.joined(separator: ", ")
        }
        return nil
    }
}
