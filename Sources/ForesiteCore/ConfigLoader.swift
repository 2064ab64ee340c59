import Foundation
import Yams

/// Reads `site/foresite.yml` into a `Config`.
///
/// It walks Yams nodes rather than decoding with `Codable` because nodes keep their line numbers: every
/// error names file, line and dotted key and quotes the value. Missing keys keep `Config`'s defaults;
/// unknown keys are errors (with the closest known key), so a typo never silently means "the default".
public enum ConfigLoader {
    /// Loads and validates the file at `path`; the path appears verbatim in every error.
    public static func load(path: String) throws -> Config {
        guard FileManager.default.fileExists(atPath: path) else { throw ConfigError.missingFile(path: path) }
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ConfigError.unreadable(path: path, reason: error.localizedDescription)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigError.unreadable(path: path, reason: "not UTF-8 text")
        }
        return try parse(text, file: path)
    }

    /// Parses YAML text; `file` is only used in error messages.
    public static func parse(_ yaml: String, file: String) throws -> Config {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch let error as YamlError {
            throw syntaxError(error, file: file)
        }
        var config = Config()
        guard let root else { return config }
        let document = ConfigNode(node: root, key: "", file: file)
        let sections = try document.fields(allowed: [
            "site", "store", "target", "targets", "covariates", Config.fearGreedGroup, "model", "models", "selection",
            "sources",
        ])
        if let node = sections["site"] { config.site = try site(node) }
        if let node = sections["store"] { config.store = try store(node) }
        if let node = sections["target"] {
            config.target = try instrument(node, taken: [], extraKeys: ["field"])
            let field = try node.fields(allowed: try ConfigSeries.keys(of: node) + ["field"])["field"]
            (config.targetField, config.targetCSVField) = try targetField(field, of: config.target, item: node)
        }
        var targetInputNodes: [[ConfigNode]?] = []
        if let node = sections["targets"] {
            guard sections["target"] == nil else {
                throw node.invalid("used instead of target:, not beside it (target: is the one-series form)")
            }
            (config.targets, targetInputNodes) = try targets(node)
            config.target = config.targets[0].instrument
        }
        if let node = sections["covariates"] {
            config.covariates = []
            let targetGroups = config.targets.map(\.slug)
            for item in try node.items() {
                config.covariates.append(try instrument(item, taken: config.instruments.map(\.group) + targetGroups))
            }
        } else if let node = sections["targets"],
            let clash = config.covariates.first(where: { covariate in
                config.targets.contains { $0.slug == covariate.group }
            })
        {
            throw node.invalid("targets whose groups are not the default covariate's (\(clash.group))")
        }
        if let node = sections[Config.fearGreedGroup] {
            let fields = try node.fields(allowed: ["enabled"])
            if let enabled = fields["enabled"] { config.fearGreed.enabled = try enabled.bool() }
        }
        var inputNodes: [ConfigNode]?
        if let node = sections["model"] { (config.model, inputNodes) = try model(node) }
        if config.hasTargetList {
            if inputNodes == nil { config.model.inputs = Config.defaultTargetListInputs }
            try checkTargetInputs(
                config, targetItems: try sections["targets"]!.items(), ownInputNodes: targetInputNodes,
                inputNodes: inputNodes, modelNode: sections["model"] ?? document)
        } else {
            try ConfigInputs.check(config, inputNodes: inputNodes, modelNode: sections["model"] ?? document)
        }
        if let node = sections["sources"] { config.sources = try sources(node) }
        if let node = sections["models"] {
            for (name, value) in try node.namedFields(
                requirement: "a model name (lowercase letters, digits and dashes)", isValid: ModelID.isValid)
            {
                config.models[name] = try value.bool()
            }
        }
        if let node = sections["selection"] {
            let fields = try node.fields(allowed: ["window_days", "by"])
            if let value = fields["window_days"] { config.selection.windowDays = try value.positiveInteger() }
            if let value = fields["by"] {
                config.selection.by = Config.Selection.Scope(
                    rawValue: try value.choice(Config.Selection.Scope.allCases.map(\.rawValue)))!
            }
        }
        return config
    }

    static let modelKeys = [
        "inputs", "window", "horizon", "hidden", "dense", "epochs", "batch", "learning_rate", "seed", "target_mode",
        "ensemble", "retrain_every_days", "patience", "promotion", "intervals",
    ]

    private static func site(_ node: ConfigNode) throws -> Config.Site {
        var site = Config.Site()
        let fields = try node.fields(allowed: [
            "title", "description", "base_url", "output", "templates", "static", "history_days", "hub_export",
        ])
        if let value = fields["title"] { site.title = try value.nonEmptyString() }
        if let value = fields["description"] { site.description = try value.string() }
        if let value = fields["base_url"] {
            site.baseURL = try value.url()
            if !site.baseURL.hasSuffix("/") { site.baseURL += "/" }
        }
        if let value = fields["output"] { site.output = try value.nonEmptyString() }
        if let value = fields["templates"] { site.templates = try value.nonEmptyString() }
        if let value = fields["static"] { site.staticFiles = try value.nonEmptyString() }
        if let value = fields["history_days"] { site.historyDays = try value.positiveInteger() }
        if let value = fields["hub_export"] { site.hubExport = try value.bool() }
        return site
    }

    private static func store(_ node: ConfigNode) throws -> Config.Store {
        var store = Config.Store()
        let fields = try node.fields(allowed: ["path", "models"])
        if let value = fields["path"] { store.path = try value.nonEmptyString() }
        if let value = fields["models"] { store.models = try value.nonEmptyString() }
        return store
    }

    /// Reads one series; `taken` are the group names of the series before it, so a duplicate or a
    /// name that shadows the Fear & Greed group is reported at its own line (group names are table keys and
    /// prefixes).
    private static func instrument(
        _ node: ConfigNode, taken: [String], extraKeys: [String] = []
    ) throws -> Config.Instrument {
        let fields = try node.fields(allowed: try ConfigSeries.keys(of: node) + extraKeys)
        guard let groupNode = fields["group"] else { throw node.invalid(ConfigSeries.requirement) }
        let group = try groupNode.string()
        guard isGroupName(group) else {
            throw groupNode.invalid("a lowercase name of letters, digits and underscores starting with a letter")
        }
        guard group != Config.fearGreedGroup else {
            throw groupNode.invalid(
                "a name other than \(Config.fearGreedGroup) (reserved for the Fear & Greed group)")
        }
        // downloads/<group>.csv sits beside the ledger's downloads/ledger.csv.
        guard group != "ledger" else {
            throw groupNode.invalid("a name other than ledger (downloads/ledger.csv is the ledger's)")
        }
        guard !taken.contains(group) else {
            throw groupNode.invalid("a group name no other instrument uses")
        }
        return try ConfigSeries.series(group: group, fields: fields, item: node)
    }

    /// `targets:`: a non-empty list of instruments, each with an optional `field` and `inputs`; group names
    /// are also folder names, so they must be unique and not one the overview uses. Returns the targets and
    /// each one's own `inputs` items (nil where it has none), for the check of the inputs.
    private static func targets(_ node: ConfigNode) throws -> ([Config.Target], [[ConfigNode]?]) {
        var targets: [Config.Target] = []
        var inputNodes: [[ConfigNode]?] = []
        for item in try node.items() {
            let fields = try item.fields(allowed: try ConfigSeries.keys(of: item) + ["field", "inputs"])
            let instrument = try self.instrument(item, taken: targets.map(\.slug), extraKeys: ["field", "inputs"])
            if Config.reservedSlugs.contains(instrument.group) {
                throw fields["group"]!.invalid(
                    "a name other than " + Config.reservedSlugs.joined(separator: ", ") + " (folders of the overview)")
            }
            var target = Config.Target(instrument: instrument)
            (target.field, target.csvField) = try targetField(fields["field"], of: instrument, item: item)
            let own = try fields["inputs"].map(inputList)
            target.inputs = own?.names
            targets.append(target)
            inputNodes.append(own?.nodes)
        }
        if targets.isEmpty { throw node.invalid("a non-empty list of targets") }
        return (targets, inputNodes)
    }

    /// A target's `field`: `close` or `open` for a price series (nil keeps `close`), one of its columns for
    /// a CSV series (which may leave it out when it has one column).
    private static func targetField(_ node: ConfigNode?, of series: Config.Instrument, item: ConfigNode) throws
        -> (Config.TargetField, String?)
    {
        if let csv = series.csv { return (.close, try ConfigSeries.targetField(node, csv: csv, item: item)) }
        guard let node else { return (.close, nil) }
        return (Config.TargetField(rawValue: try node.choice(Config.TargetField.allCases.map(\.rawValue)))!, nil)
    }

    /// A non-empty list of `group.field` input names, with the items they came from (for errors).
    private static func inputList(_ node: ConfigNode) throws -> (names: [String], nodes: [ConfigNode]) {
        let nodes = try node.items()
        let names = try nodes.map { try $0.nonEmptyString() }
        if names.isEmpty { throw node.invalid("a non-empty list of group.field names") }
        return (names, nodes)
    }

    /// Checks every target's inputs as its own configuration sees them (`target.` resolved), reporting at
    /// the target's `inputs` when it has its own, else at `model.inputs`.
    private static func checkTargetInputs(
        _ config: Config, targetItems: [ConfigNode], ownInputNodes: [[ConfigNode]?], inputNodes: [ConfigNode]?,
        modelNode: ConfigNode
    ) throws {
        for ((target, item), own) in zip(zip(config.targets, targetItems), ownInputNodes) {
            try ConfigInputs.check(
                config.configuration(for: target), inputNodes: own ?? inputNodes,
                modelNode: own == nil ? modelNode : item)
        }
    }

    private static func model(_ node: ConfigNode) throws -> (Config.Model, [ConfigNode]?) {
        var model = Config.Model()
        var inputNodes: [ConfigNode]?
        let fields = try node.fields(allowed: modelKeys)
        if let value = fields["inputs"] { (model.inputs, inputNodes) = try inputList(value) }
        if let value = fields["window"] { model.window = try value.positiveInteger() }
        if let value = fields["horizon"] { model.horizon = try value.positiveInteger() }
        if let value = fields["hidden"] { model.hidden = try value.positiveInteger() }
        if let value = fields["dense"] { model.dense = try value.positiveInteger() }
        if let value = fields["epochs"] { model.epochs = try value.positiveInteger() }
        if let value = fields["batch"] { model.batch = try value.positiveInteger() }
        if let value = fields["learning_rate"] { model.learningRate = try value.positiveNumber() }
        if let value = fields["seed"] { model.seed = UInt64(try value.integer("a non-negative integer") { $0 >= 0 }) }
        if let value = fields["target_mode"] {
            model.targetMode = Config.TargetMode(
                rawValue: try value.choice(Config.TargetMode.allCases.map(\.rawValue)))!
        }
        if let value = fields["ensemble"] { model.ensemble = try value.positiveInteger() }
        if let value = fields["retrain_every_days"] { model.retrainEveryDays = try value.positiveInteger() }
        if let value = fields["patience"] { model.patience = try value.integer("a non-negative integer") { $0 >= 0 } }
        if let value = fields["promotion"] {
            model.promotion = Config.Promotion(rawValue: try value.choice(Config.Promotion.allCases.map(\.rawValue)))!
        }
        if let value = fields["intervals"] { model.intervals = try intervals(value) }
        return (model, inputNodes)
    }

    /// Central interval levels: each strictly between 0 and 1, listed in increasing order without repeats.
    private static func intervals(_ node: ConfigNode) throws -> [Double] {
        var levels: [Double] = []
        for item in try node.items() {
            let level = try item.number("a level strictly between 0 and 1") { $0 > 0 && $0 < 1 }
            if let previous = levels.last, level <= previous {
                throw item.invalid("greater than the level before it (\(previous))")
            }
            levels.append(level)
        }
        return levels
    }

    private static func sources(_ node: ConfigNode) throws -> Config.Sources {
        var sources = Config.Sources()
        let fields = try node.fields(allowed: ["cryptocompare_url", "alternative_me_url", "retry"])
        if let value = fields["cryptocompare_url"] { sources.cryptocompareURL = try value.url() }
        if let value = fields["alternative_me_url"] { sources.alternativeMeURL = try value.url() }
        if let retryNode = fields["retry"] {
            let retry = try retryNode.fields(allowed: [
                "attempts", "max_seconds", "base_delay_seconds", "timeout_seconds",
            ])
            if let value = retry["attempts"] { sources.retry.attempts = try value.positiveInteger() }
            if let value = retry["max_seconds"] { sources.retry.maxSeconds = try value.positiveNumber() }
            if let value = retry["base_delay_seconds"] {
                sources.retry.baseDelaySeconds = try value.number("a non-negative number") { $0 >= 0 }
            }
            if let value = retry["timeout_seconds"] { sources.retry.timeoutSeconds = try value.positiveNumber() }
        }
        return sources
    }

    static func isGroupName(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, ("a"..."z").contains(first) else { return false }
        return name.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "_" }
    }

    private static func syntaxError(_ error: YamlError, file: String) -> ConfigError {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return .syntax(file: file, line: mark.line, problem: problem)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return .syntax(
                file: file, line: context.mark.line,
                problem: "duplicate key " + duplicates.joined(separator: ", "))
        default:
            return .syntax(file: file, line: 1, problem: error.description)
        }
    }
}
