import ForesiteCore
import ForesiteIngest
import ForesiteStore
import Foundation

/// The first stage: fetch → validate → one store transaction → a summary per group.
///
/// `backfill` asks each source for its full history; `update` asks only from each group's last complete day
/// (that day included, as a cheap consistency check) or from its earliest incomplete day if that is older,
/// so incomplete days are always fetched again. All sources are
/// fetched before anything is written, then every group that arrived is upserted in one transaction. A
/// source that fails leaves its groups exactly as they were and is reported as a `SourceUpdate.Failure`
/// naming what was kept; the other groups are still stored. When every source fails the run is recorded as
/// failed and `PipelineError.allSourcesFailed` is thrown, with the store's content unchanged.
///
/// An update asks from a day the store already holds, so an answer without any day is wrong (an API
/// serving an empty `Data` while degraded) and fails its source instead of passing as "nothing new".
public enum Ingestion {
    public enum Mode: String, Sendable {
        case backfill
        case update
    }

    /// `foresite update` with the live sources (for `foresite run`).
    public static func update(_ workspace: Workspace, store: FeatureStore) async throws -> SourceUpdate {
        try await run(.update, workspace, store: store, sources: try .live(workspace))
    }

    public static func run(_ mode: Mode, _ workspace: Workspace, store: FeatureStore, sources: DataSources)
        async throws -> SourceUpdate
    {
        let config = workspace.config
        let groups = config.instruments.map(\.group) + (config.fearGreed.enabled ? [Config.fearGreedGroup] : [])
        var candles: [(group: String, rows: [Candle])] = []
        var readings: [FearGreedReading]?
        var failures: [SourceUpdate.Failure] = []
        for (index, instrument) in config.instruments.enumerated() {
            workspace.console.progress(mode.rawValue, done: index, total: groups.count, detail: instrument.group)
            let since = mode == .update ? try resumeDay(group: instrument.group, store: store) : nil
            do {
                let rows = try await sources.candles(instrument, since)
                if let since, rows.isEmpty {
                    failures.append(
                        try failure(
                            noDays(since), source: sources.candleSource, group: instrument.group, store: store))
                } else {
                    candles.append((instrument.group, rows))
                }
            } catch let error as IngestError {
                failures.append(
                    try failure(error.detail, source: sources.candleSource, group: instrument.group, store: store))
            }
        }
        if config.fearGreed.enabled {
            workspace.console.progress(
                mode.rawValue, done: groups.count - 1, total: groups.count, detail: Config.fearGreedGroup)
            let since = mode == .update ? try store.lastCompleteDay(group: Config.fearGreedGroup) : nil
            do {
                let rows = try await sources.fearGreed(since)
                if let since, rows.isEmpty {
                    failures.append(
                        try failure(
                            noDays(since), source: sources.fearGreedSource, group: Config.fearGreedGroup, store: store))
                } else {
                    readings = rows
                }
            } catch let error as IngestError {
                failures.append(
                    try failure(
                        error.detail, source: sources.fearGreedSource, group: Config.fearGreedGroup, store: store))
            }
        }
        workspace.console.progress(mode.rawValue, done: groups.count, total: groups.count, detail: "storing")

        let command = "\(mode.rawValue)" + (workspace.isDemo ? " --demo" : "")
        guard !candles.isEmpty || readings != nil else {
            let error = PipelineError.allSourcesFailed(failures)
            _ = try? store.write(command: command) { _ in throw error }  // records the failed run, changes nothing
            throw error
        }
        let summaries = try store.write(command: command) { writer in
            for failure in failures { writer.note(failure.message) }
            var summaries = try candles.map { try writer.upsert($0.rows, into: $0.group) }
            if let readings { summaries.append(try writer.upsert(readings)) }
            return summaries
        }
        let sourceOfGroup = Dictionary(
            uniqueKeysWithValues: groups.map {
                ($0, $0 == Config.fearGreedGroup ? sources.fearGreedSource : sources.candleSource)
            })
        return SourceUpdate(summaries: summaries, failures: failures, sourceOfGroup: sourceOfGroup)
    }

    /// `foresite backfill --file PATH --group NAME`: a CSV export or saved API response into one group, in
    /// one transaction. The file's kind (candles or Fear & Greed) must match the group's.
    public static func importFile(_ url: URL, group: String, workspace: Workspace, store: FeatureStore) throws
        -> UpsertSummary
    {
        let config = workspace.config
        let priceGroups = config.instruments.map(\.group)
        let known = priceGroups + (config.fearGreed.enabled ? [Config.fearGreedGroup] : [])
        guard known.contains(group) else { throw PipelineError.unknownGroup(group, known: known) }
        let command = "backfill --file \(url.lastPathComponent) --group \(group)"
        switch try FileImporter.read(contentsOf: url) {
        case .candles(let rows):
            guard priceGroups.contains(group) else {
                throw PipelineError.wrongKindOfFile(file: url.lastPathComponent, holds: "price candles", group: group)
            }
            return try store.write(command: command) { try $0.upsert(rows, into: group) }
        case .fearGreed(let rows):
            guard group == Config.fearGreedGroup else {
                throw PipelineError.wrongKindOfFile(
                    file: url.lastPathComponent, holds: "Fear & Greed readings", group: group)
            }
            return try store.write(command: command) { try $0.upsert(rows) }
        }
    }

    /// Where an update of `group` starts: its last complete day, or an earlier day stored incomplete; nil
    /// (everything) for an empty group.
    static func resumeDay(group: String, store: FeatureStore) throws -> Day? {
        let candidates = [try store.lastCompleteDay(group: group), try store.incompleteDays(group: group).first]
        return candidates.compactMap { $0 }.min()
    }

    /// The one line a failed source gets: what went wrong and what the store kept for `group`.
    private static func failure(_ problem: String, source: String, group: String, store: FeatureStore) throws
        -> SourceUpdate.Failure
    {
        SourceUpdate.Failure(
            source: source, group: group, problem: problem, keptThrough: try store.lastCompleteDay(group: group))
    }

    private static func noDays(_ since: Day) -> String {
        "no days in the answer, which must hold \(since) and later"
    }
}
