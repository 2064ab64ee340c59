import ForesiteCore

/// `--demo`: the same pipeline on a separate store filled by the synthetic market (its prices, and any CSV
/// series it writes), so a demo never touches real data and every page it builds says "Demo data — synthetic
/// series".
public enum Demo {
    public static let storePath = "data/demo.sqlite"
    public static let modelsPath = "data/demo-models"

    /// `workspace` with the store and model folder moved to the demo's own.
    public static func workspace(from workspace: Workspace) -> Workspace {
        var demo = workspace
        demo.config.store.path = storePath
        demo.config.store.models = modelsPath
        demo.isDemo = true
        return demo
    }
}
