import ArgumentParser
import ForesiteCore
import ForesitePipeline

/// `foresite build`: render docs/ from the store, ledger and registry.
struct BuildCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Render the site from the store, ledger and registry into the output folder.",
        discussion: """
            Pages are rendered from templates/ and site/static/, checked with libxml2 (parse errors, broken \
            links and anchors, duplicate ids, charts without titles), and swapped into place in one rename. \
            The same store gives byte-identical output.

            With a targets: configuration it builds every target's pages into <output>/<slug>/ from \
            data/<slug>/ and the overview at <output>/index.html: the step that assembles the shards of \
            `run --only`.
            """)

    @OptionGroup var global: GlobalOptions

    @Flag(help: "Build from the demo store (data/demo.sqlite), with the demo banner.")
    var demo = false

    func run() async throws {
        try await reportingFailures {
            var workspace = try global.workspace()
            if demo { workspace = Demo.workspace(from: workspace) }
            let report = try SiteBuild.run(workspace)
            workspace.console.line(
                "wrote \(report.files) files (\(report.bytes / 1024) KB; index.html \(report.indexBytes / 1024) KB) "
                    + "to \(report.output)/ in \(Int(report.seconds * 1000)) ms")
            if let warning = report.sizeWarning { workspace.console.line(warning) }
        }
    }
}
