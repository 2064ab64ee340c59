import ArgumentParser
import ForesiteCore
import ForesitePipeline

/// `foresite status`: rows, ranges, gaps and freshness per group; the champion; the ledger; the last runs.
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show what the store holds: ranges, gaps and freshness, models, the ledger, last runs.",
        discussion: """
            Also walks the forecast ledger's hash chain from its first row. A row changed, removed or \
            inserted outside foresite breaks it: status then names the first broken row and exits with code 1. \
            With a targets: configuration it shows every target's store (data/<slug>/) in turn.
            """)

    @OptionGroup var global: GlobalOptions

    @Option(help: "How many recent runs to list.")
    var runs = 5

    @Flag(help: "Show the demo store (data/demo.sqlite).")
    var demo = false

    func validate() throws {
        if runs < 0 { throw ValidationError("--runs must not be negative, got \(runs)") }
    }

    func run() async throws {
        try await reportingFailures {
            var settings = try global.loadConfig()
            if demo {
                settings.store.path = Demo.storePath
                settings.store.models = Demo.modelsPath
            }
            // A targets: configuration: every target's store in turn, each under its name.
            var broken: [String] = []
            for config in settings.targetConfigs {
                if settings.hasTargetList { print("== \(config.target.group) (\(config.store.path))") }
                let report = try StatusReport.make(config: config, clock: try global.clock(), runLimit: runs)
                print(report.render(), terminator: "")
                if let verification = report.ledgerVerification, !verification.isVerified {
                    broken.append((settings.hasTargetList ? config.target.group + ": " : "") + verification.summary)
                }
            }
            if !broken.isEmpty { throw PipelineError.ledgerChainBroken(broken.joined(separator: "; ")) }
        }
    }
}
