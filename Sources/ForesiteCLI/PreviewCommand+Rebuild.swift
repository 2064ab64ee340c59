import ForesiteCore

extension PreviewCommand {
    /// What `foresite preview --watch` runs after a change: the same build as `foresite build --config PATH`
    /// (store, ledger and registry → `SiteContent` → `SiteBuilder.build`).
    ///
    /// This is the one hook between the preview and the pipeline: ForesitePreview knows nothing of the
    /// store, so the CLI supplies the rebuild. Until the pipeline's build stage is wired in here, a watch
    /// reports this error on every change and keeps serving the current site.
    static func rebuildSite(_ configPath: String) async throws {
        throw PreviewRebuildUnavailable(configPath: configPath)
    }
}

/// Raised by the rebuild hook while no build pipeline is wired to it.
struct PreviewRebuildUnavailable: Error, CustomStringConvertible {
    let configPath: String
    var description: String {
        "preview: rebuilding on change needs the build stage (config '\(configPath)'); run `foresite build` by hand"
    }
}
