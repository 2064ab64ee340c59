/// Several series on one site (`targets:`): each target is forecast by a configuration of its own, made
/// here from the shared one, so every stage below the site works on one target exactly as before.
///
/// A target's data lives in its own folder (`data/<slug>/foresite.sqlite`, `data/<slug>/models/`): its
/// store holds its own series and a copy of the shared covariates, its ledger, registry and run log, so
/// one target's daily job never writes another's files (`run --only SLUG` shards are independent).
/// Its pages are under `<output>/<slug>/`, and `<output>/index.html` is the overview of all targets.
extension Config {
    /// One series to forecast in a `targets:` configuration.
    public struct Target: Hashable, Sendable, Codable {
        public var instrument: Instrument
        public var field: TargetField
        /// The column forecast when the target is a CSV series (one of its `columns`).
        public var csvField: String?
        /// This target's input columns; nil means `model.inputs`. In both, the group `target` stands for
        /// this target's own group (`target.close`).
        public var inputs: [String]?

        public init(instrument: Instrument, field: TargetField = .close, inputs: [String]? = nil) {
            self.instrument = instrument
            self.field = field
            self.inputs = inputs
        }

        /// The target's folder name under the output and the data folder: its group name.
        public var slug: String { instrument.group }
    }

    /// The group name that stands for "this target" in the input columns of a `targets:` configuration.
    public static let targetPlaceholderGroup = "target"

    /// Names a target cannot take: the overview's own folders in the output.
    public static let reservedSlugs = ["static", "api", "target"]

    /// True when the file lists `targets:` (overview plus one folder per target); false for the single
    /// `target:` layout, which keeps the site at the output's root and the store at `store.path`.
    public var hasTargetList: Bool { !targets.isEmpty }

    /// One configuration per target, in list order; `[self]` for a single-target configuration.
    public var targetConfigs: [Config] { hasTargetList ? targets.map(configuration(for:)) : [self] }

    /// The configuration that forecasts `target` alone: its series as the target, the shared covariates,
    /// `target.` inputs resolved, and store, models and output moved into the target's own folder.
    public func configuration(for target: Target) -> Config {
        var config = self
        config.targets = []
        config.target = target.instrument
        config.targetField = target.field
        config.targetCSVField = target.csvField
        let inputs = target.inputs ?? model.inputs
        config.model.inputs = inputs.map { Self.resolvingPlaceholder($0, group: target.slug) }
        config.store.path = Self.path(store.path, inFolder: target.slug)
        config.store.models = Self.path(store.models, inFolder: target.slug)
        config.site.output = site.output + "/" + target.slug
        config.site.baseURL = site.baseURL + target.slug + "/"
        return config
    }

    /// `target.close` → `<group>.close`; other columns unchanged.
    static func resolvingPlaceholder(_ column: String, group: String) -> String {
        let prefix = targetPlaceholderGroup + "."
        return column.hasPrefix(prefix) ? group + "." + column.dropFirst(prefix.count) : column
    }

    /// `data/foresite.sqlite` → `data/<folder>/foresite.sqlite`; `data/models` → `data/<folder>/models`.
    static func path(_ path: String, inFolder folder: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return folder + "/" + path }
        return path[..<slash] + "/" + folder + path[slash...]
    }

    /// The default inputs of a `targets:` configuration: the original ten columns, with the target's own
    /// columns written `target.…` so that they fit every target.
    public static let defaultTargetListInputs = Model.defaultInputs.map {
        $0.hasPrefix("solana.") ? targetPlaceholderGroup + "." + $0.dropFirst("solana.".count) : $0
    }
}
