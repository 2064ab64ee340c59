import ArgumentParser
import ForesiteCore
import ForesitePipeline
import ForesiteStore
import Foundation

/// `foresite update`: only the days missing since each group's last complete day.
struct UpdateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "update",
        abstract: "Fetch the days missing since each group's last complete day, and re-fetch incomplete ones.",
        discussion: """
            Today's candle is stored flagged incomplete and replaced by the next update. Running it twice \
            changes nothing. Exit code 3: a source failed (its groups kept their rows, the others were stored).
            """)

    @OptionGroup var global: GlobalOptions
    @OptionGroup var targetOption: TargetOption

    func run() async throws {
        try await reportingFailures {
            let workspace = try targetOption.applied(to: global.workspace(), configPath: global.config)
            let store = try workspace.openStore()
            let started = Date()
            let update = try await IngestionReport.exitingOnSourceFailure {
                try await Ingestion.run(.update, workspace, store: store, sources: try .live(workspace))
            }
            try IngestionReport.finish(update, store: store, workspace: workspace, started: started)
        }
    }
}
