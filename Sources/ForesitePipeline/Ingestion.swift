import ForesiteCore
import ForesiteIngest
import ForesiteStore
import Foundation

/// The first stage: fetch → validate → one store transaction → a summary per group.
///
/// Every configured series (`Config.series`) goes through the same steps, whatever its source: its
/// `DailySource` from `DataSources` (the registry's, or the demo market's) is asked for rows, and they are
/// stored in its group with the upsert of their kind. `backfill` asks each source for its full history; `update` asks only from each group's last complete day
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
        let series = workspace.config.series
        var arrived: [(group: String, rows: SourceRows)] = []
        var failures: [SourceUpdate.Failure] = []
        var sourceOfGroup: [String: String] = [:]
        for (index, item) in series.enumerated() {
            let group = item.group
            workspace.console.progress(mode.rawValue, done: index, total: series.count, detail: group)
            guard let source = sources.byGroup[group] else {
                failures.append(
                    try failure(
                        "no source serves this series", source: item.source.rawValue, group: group, store: store))
                continue
            }
            sourceOfGroup[group] = source.name
            let since = mode == .update ? try resumeDay(group: group, store: store) : nil
            do {
                let rows = try await source.rows(since: since)
                if let since, rows.isEmpty {
                    failures.append(try failure(noDays(since), source: source.name, group: group, store: store))
                } else {
                    arrived.append((group, rows))
                }
            } catch let error as IngestError {
                failures.append(try failure(error.detail, source: source.name, group: group, store: store))
            }
        }
        workspace.console.progress(mode.rawValue, done: series.count, total: series.count, detail: "storing")

        let command = "\(mode.rawValue)" + (workspace.isDemo ? " --demo" : "")
        guard !arrived.isEmpty else {
            let error = PipelineError.allSourcesFailed(failures)
            _ = try? store.write(command: command) { _ in throw error }  // records the failed run, changes nothing
            throw error
        }
        let summaries = try store.write(command: command) { writer in
            for failure in failures { writer.note(failure.message) }
            return try arrived.map { try upsert($0.rows, into: $0.group, writer: writer) }
        }
        return SourceUpdate(summaries: summaries, failures: failures, sourceOfGroup: sourceOfGroup)
    }

    /// Stores one source's rows in its group, whatever their kind.
    private static func upsert(_ rows: SourceRows, into group: String, writer: StoreWriter) throws -> UpsertSummary {
        switch rows {
        case .candles(let candles): try writer.upsert(candles, into: group)
        case .fearGreed(let readings): try writer.upsert(readings)
        case .values(let values): try writer.upsert(values: values, into: group)
        }
    }

    /// `foresite backfill --file PATH --group NAME`: a CSV export or saved API response into one group, in
    /// one transaction. The file's kind (candles or Fear & Greed) must match the group's; a CSV series'
    /// group reads the file with its own configured columns and date format.
    public static func importFile(_ url: URL, group: String, workspace: Workspace, store: FeatureStore) throws
        -> UpsertSummary
    {
        let series = workspace.config.series
        guard let item = series.first(where: { $0.group == group }) else {
            throw PipelineError.unknownGroup(group, known: series.map(\.group))
        }
        let command = "backfill --file \(url.lastPathComponent) --group \(group)"
        if let csv = item.csv {
            let rows = try CSVSeriesParser.rows(
                from: try fileData(url), format: csv, source: url.lastPathComponent, today: workspace.today)
            return try store.write(command: command) { try $0.upsert(values: rows, into: group) }
        }
        switch try FileImporter.read(contentsOf: url) {
        case .candles(let rows):
            guard item.source == .cryptocompare else {
                throw PipelineError.wrongKindOfFile(file: url.lastPathComponent, holds: "price candles", group: group)
            }
            return try store.write(command: command) { try $0.upsert(rows, into: group) }
        case .fearGreed(let rows):
            guard item.source == .alternativeMe else {
                throw PipelineError.wrongKindOfFile(
                    file: url.lastPathComponent, holds: "Fear & Greed readings", group: group)
            }
            return try store.write(command: command) { try $0.upsert(rows) }
        }
    }

    private static func fileData(_ url: URL) throws -> Data {
        do {
            return try Data(contentsOf: url)
        } catch {
            throw IngestError(source: url.lastPathComponent, reason: .unreadableFile(error.localizedDescription))
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
