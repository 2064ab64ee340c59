import ForesiteCore
import ForesitePipeline
import ForesiteStore
import Foundation

/// What `backfill` and `update` print: one line per group, the rejected rows, and the failed sources.
enum IngestionReport {
    /// `sourceOfGroup` names where each group's rows came from, so a rejected row says which source sent it.
    static func print(
        _ summaries: [UpsertSummary], sourceOfGroup: [String: String], store: FeatureStore, workspace: Workspace,
        started: Date
    ) {
        let ranges = (try? store.summaries(today: workspace.today)) ?? []
        for summary in summaries {
            var line =
                "\(summary.group): \(summary.inserted) inserted, \(summary.updated) updated, "
                + "\(summary.unchanged) unchanged, \(summary.rejected.count) rejected"
            if let range = ranges.first(where: { $0.group.name == summary.group }), let first = range.firstDay,
                let last = range.lastDay
            {
                line += "; stored \(range.rows) days \(first) … \(last)"
                if !range.incompleteDays.isEmpty {
                    line += " (incomplete: \(range.incompleteDays.map(\.iso).joined(separator: ", ")))"
                }
            }
            workspace.console.line(line)
            for rejection in summary.rejected {
                let source = sourceOfGroup[rejection.group].map { " from \($0)" } ?? ""
                workspace.console.line("  rejected \(rejection.group) \(rejection.day)\(source): \(rejection.reason)")
            }
        }
        workspace.console.line(String(format: "took %.2f s", Date().timeIntervalSince(started)))
    }

    /// Prints `update` and exits with code 3 when a source failed.
    static func finish(_ update: SourceUpdate, store: FeatureStore, workspace: Workspace, started: Date) throws {
        print(
            update.summaries, sourceOfGroup: update.sourceOfGroup, store: store, workspace: workspace, started: started)
        guard update.failures.isEmpty else {
            throw CommandFailure(
                message: update.failures.map { "\($0.source) failed: \($0.message)" }.joined(separator: "\n"),
                exitCode: .sourceFailed)
        }
    }

    /// Runs `body`; when every source failed, exits with code 3 like a partial failure, not 1.
    static func exitingOnSourceFailure(_ body: () async throws -> SourceUpdate) async throws -> SourceUpdate {
        do {
            return try await body()
        } catch let error as PipelineError {
            guard case .allSourcesFailed = error else { throw error }
            throw CommandFailure(message: "\(error)", exitCode: .sourceFailed)
        }
    }
}
