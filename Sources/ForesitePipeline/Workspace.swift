import ForesiteCore
import ForesiteForecast
import ForesiteStore
import Foundation

/// What every command runs against: the configuration, the folder its relative paths start from, the
/// clock, where output goes and the process environment (for `CRYPTO_API_KEY`).
///
/// Tests make one over a temporary folder and run commands in-process.
public struct Workspace: Sendable {
    public var root: URL
    public var config: Config
    public var clock: Clock
    public var console: Console
    public var environment: [String: String]
    /// Models beyond the standard catalog (a test's own model): they join every stage like the others.
    public var addedModels: [any ForecastModel] = []
    /// True for `--demo` (`Demo.workspace(from:)`): its runs are logged as `--demo` and every page it builds
    /// carries the demo banner. Stages read it here rather than being told through parameters.
    public var isDemo = false
    /// The jobs trainings, fits and backtest origins share (`--jobs`; default every core).
    public var parallelism: Parallelism = .allCores
    /// The instruments in the order the demo market numbers them (instrument `i` is `DemoMarket`'s `i`):
    /// the first target, the covariates, then the other targets, so a target keeps its synthetic series
    /// whichever target's workspace asks. Nil: `config.instruments`.
    public var demoInstruments: [Config.Instrument]?

    public init(
        root: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath, isDirectory: true),
        config: Config, clock: Clock = .live, console: Console = .standard,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.root = root
        self.config = config
        self.clock = clock
        self.console = console
        self.environment = environment
    }

    /// `path` as given when absolute, else relative to `root`.
    public func url(_ path: String) -> URL {
        path.hasPrefix("/") ? URL(fileURLWithPath: path) : root.appendingPathComponent(path)
    }

    public var storeURL: URL { url(config.store.path) }
    public var modelsURL: URL { url(config.store.models) }
    public var outputURL: URL { url(config.site.output) }
    public var templatesURL: URL { url(config.site.templates) }
    public var staticURL: URL { url(config.site.staticFiles) }

    /// The UTC day that has not closed yet; the last complete day is the one before.
    public var today: Day { clock.today }

    /// Opens (creating if needed) the store and registers the configured feature groups.
    public func openStore() throws -> FeatureStore {
        try FileManager.default.createDirectory(
            at: storeURL.deletingLastPathComponent(), withIntermediateDirectories: true)
        let store = try FeatureStore(path: storeURL.path, clock: clock)
        try store.syncGroups(config)
        return store
    }

    /// The store's feature columns the forecasts need: the model's inputs, then the target column and the
    /// reference close (persistence's median) where they are not inputs.
    public var frameColumns: [String] {
        var columns = config.model.inputs
        for column in [targetColumn, config.referenceColumn] where !columns.contains(column) { columns.append(column) }
        return columns
    }

    /// Every model this workspace knows: the standard catalog of its configuration plus `addedModels`.
    public var catalog: ModelCatalog {
        var catalog = ModelCatalog.standard(config: config, parallelism: parallelism)
        catalog.models += addedModels
        return catalog
    }

    /// The forecast column, e.g. `solana.close`.
    public var targetColumn: String { config.targetColumn }

    /// One workspace per target of a `targets:` configuration (store, models and output in the target's
    /// folder; see `Config+Targets.swift`), in list order; `[self]` for a single target.
    public var targetWorkspaces: [Workspace] {
        guard config.hasTargetList else { return [self] }
        let universe = [config.targets[0].instrument] + config.covariates + config.targets.dropFirst().map(\.instrument)
        return config.targets.map { target in
            var workspace = self
            workspace.config = config.configuration(for: target)
            workspace.demoInstruments = universe
            return workspace
        }
    }

    /// The workspaces of the targets named in `slugs` (all when empty), in list order; throws naming an
    /// unknown slug and the known ones.
    public func targetWorkspaces(only slugs: [String]) throws -> [Workspace] {
        let all = targetWorkspaces
        let known = all.map(\.config.target.group)
        for slug in slugs where !known.contains(slug) { throw PipelineError.unknownTarget(slug, known: known) }
        return slugs.isEmpty ? all : all.filter { slugs.contains($0.config.target.group) }
    }
}
