import ForesiteCore
import ForesitePipeline

extension PreviewCommand {
    /// What `foresite preview --watch` runs after a change: the same build as `foresite build --config PATH`
    /// (store, ledger and registry → `SiteContent` → `SiteBuilder.build`), re-reading the configuration so
    /// an edited `foresite.yml` takes effect. ForesitePreview knows nothing of the store; the CLI supplies this.
    static func rebuildSite(_ configPath: String) async throws {
        let workspace = Workspace(config: try ConfigLoader.load(path: configPath))
        let report = try SiteBuild.run(workspace)
        workspace.console.line("rebuilt \(report.files) files in \(Int(report.seconds * 1000)) ms")
    }
}
