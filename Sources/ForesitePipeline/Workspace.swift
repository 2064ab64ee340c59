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
}
