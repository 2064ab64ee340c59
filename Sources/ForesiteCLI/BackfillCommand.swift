import ArgumentParser
import ForesiteCore
import ForesitePipeline
import ForesiteStore
import Foundation

/// `foresite backfill`: the full history of every group from the APIs, or one group from a saved file.
struct BackfillCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backfill",
        abstract: "Fetch the full history of every feature group, or import one group from a file.",
        discussion: """
            Without --file, asks CryptoCompare (key from CRYPTO_API_KEY or .env) and alternative.me for \
            everything they have. With --file PATH --group NAME, reads a CryptoCompare CSV export (the \
            original project's data/historical_*.csv), a saved data-api response or a saved alternative.me \
            response, recognised by content. Running it twice changes nothing. Exit code 3: a source failed \
            (the other groups were stored).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var targetOption: TargetOption

    @Option(name: .long, help: "Import this file instead of calling the APIs.")
    var file: String?

    @Option(
        name: .long, help: "The feature group the file belongs to, e.g. solana, bitcoin or \(Config.fearGreedGroup).")
    var group: String?

    func validate() throws {
        if (file == nil) != (group == nil) { throw ValidationError("--file and --group go together") }
    }

    func run() async throws {
        try await reportingFailures {
            let workspace = try targetOption.applied(to: global.workspace(), configPath: global.config)
            let store = try workspace.openStore()
            let started = Date()
            if let file, let group {
                let summary = try Ingestion.importFile(
                    workspace.url(file), group: group, workspace: workspace, store: store)
                IngestionReport.print(
                    [summary], sourceOfGroup: [group: URL(fileURLWithPath: file).lastPathComponent], store: store,
                    workspace: workspace, started: started)
                return
            }
            let update = try await IngestionReport.exitingOnSourceFailure {
                try await Ingestion.run(
                    .backfill, workspace, store: store, sources: try .live(workspace))
            }
            try IngestionReport.finish(update, store: store, workspace: workspace, started: started)
        }
    }
}
