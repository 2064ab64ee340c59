import ForesiteCore
import ForesiteStore
import Foundation

/// What `foresite status` prints: per feature group rows, range, gaps, incomplete days, rejected rows and
/// freshness, with the latest rejections (the data-quality page's validation results in brief); the
/// champion model; the ledger; the last runs. Built from the store as a value, so tests check the text.
public struct StatusReport: Hashable, Sendable {
    public var today: Day
    public var storePath: String
    /// False when no store file exists yet (nothing has been fetched).
    public var storeExists: Bool
    public var groups: [GroupSummary]
    public var champion: ModelRecord?
    public var modelCount: Int
    /// The current `Config.hashForModel`, to flag a champion trained under another configuration.
    public var configHash: String
    /// Forecasts in the ledger: one per model and day made.
    public var forecastCount: Int
    public var latestForecast: Day?
    /// The ledger's hash chain walked from its first row (nil when there is no store).
    public var ledgerVerification: LedgerVerification?
    public var runs: [RunRecord]
    /// The newest rows validation refused, newest run first (at most `rejectionLimit`).
    public var recentRejections: [Rejection] = []

    /// Rejections listed by name; the rest are counted per group.
    public static let rejectionLimit = 5

    /// Reads the store `config` names (without creating it when absent), as of `clock.today`.
    public static func make(config: Config, clock: Clock, runLimit: Int = 5) throws -> StatusReport {
        let path = config.store.path
        guard FileManager.default.fileExists(atPath: path) else {
            return StatusReport(
                today: clock.today, storePath: path, storeExists: false, groups: [], champion: nil, modelCount: 0,
                configHash: config.hashForModel, forecastCount: 0, latestForecast: nil, ledgerVerification: nil,
                runs: [])
        }
        return try make(store: FeatureStore(config: config, clock: clock), config: config, runLimit: runLimit)
    }

    public static func make(store: FeatureStore, config: Config, runLimit: Int = 5) throws -> StatusReport {
        let forecasts = try store.ledger.forecasts()
        return StatusReport(
            today: store.clock.today, storePath: config.store.path, storeExists: true,
            groups: try store.summaries(today: store.clock.today), champion: try store.registry.champion(),
            modelCount: try store.registry.all().count, configHash: config.hashForModel,
            forecastCount: forecasts.count, latestForecast: forecasts.map(\.madeOn).max(),
            ledgerVerification: try store.ledger.verify(),
            runs: try store.recentRuns(limit: runLimit),
            recentRejections: try store.rejections(limit: Self.rejectionLimit))
    }

    /// The report as plain text lines (no colour, so it reads the same in a terminal, a log and a test).
    public func render() -> String {
        var lines = ["Foresite status on \(today) (store \(storePath))", ""]
        guard storeExists else {
            lines.append("No store yet: run `foresite backfill` to fetch the history.")
            return lines.joined(separator: "\n") + "\n"
        }
        lines += renderGroups()
        lines += ["", "Models"] + renderModels()
        lines += ["", "Forecast ledger"]
        lines.append(
            forecastCount == 0
                ? "  empty" : "  \(forecastCount) forecasts, latest made on \(latestForecast.map(\.iso) ?? "-")")
        if let ledgerVerification, forecastCount > 0 || !ledgerVerification.isVerified {
            lines.append("  " + ledgerVerification.summary)
        }
        lines += ["", "Last runs"]
        lines += runs.isEmpty ? ["  none"] : runs.map(renderRun)
        return lines.joined(separator: "\n") + "\n"
    }

    private func renderGroups() -> [String] {
        let header = ["group", "rows", "first", "last", "missing", "incomplete", "rejected", "behind", "last update"]
        let rows = groups.map { summary in
            [
                summary.group.name, "\(summary.rows)", summary.firstDay?.iso ?? "-", summary.lastDay?.iso ?? "-",
                "\(summary.missingDays.count)", "\(summary.incompleteDays.count)", "\(summary.rejectedRows)",
                summary.daysBehind.map { "\($0)d" } ?? "-", summary.lastUpdate ?? "never",
            ]
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        let numeric: Set<Int> = [1, 4, 5, 6, 7]
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { column, cell in
                let padding = String(repeating: " ", count: widths[column] - cell.count)
                return numeric.contains(column) ? padding + cell : cell + padding
            }
            return ("  " + padded.joined(separator: "  ")).replacingOccurrences(
                of: "\\s+$", with: "", options: .regularExpression)
        }
        var lines = ["Feature groups", line(header)] + rows.map(line)
        for summary in groups {
            if !summary.missingDays.isEmpty {
                lines.append("  \(summary.group.name) missing: \(Self.ranges(summary.missingDays))")
            }
            if !summary.incompleteDays.isEmpty {
                lines.append("  \(summary.group.name) incomplete: \(Self.ranges(summary.incompleteDays))")
            }
        }
        for rejection in recentRejections {
            lines.append("  rejected \(rejection.group) \(rejection.day): \(rejection.reason)")
        }
        let unlisted = groups.reduce(0) { $0 + $1.rejectedRows } - recentRejections.count
        if unlisted > 0 { lines.append("  … and \(unlisted) older rejected rows") }
        return lines
    }

    private func renderModels() -> [String] {
        guard let champion else {
            return ["  no champion yet (\(modelCount) registered); run `foresite train`"]
        }
        var lines = [
            "  champion \(champion.version) (\(champion.targetMode.rawValue)), test MAE "
                + "\(Self.number(champion.testMAE)) vs last value \(Self.number(champion.naiveTestMAE)), "
                + "data \(champion.dataFirstDay)…\(champion.dataLastDay); \(modelCount) registered"
        ]
        if champion.configHash != configHash {
            lines.append("  the model configuration changed since the champion was trained; retrain")
        }
        return lines
    }

    private func renderRun(_ run: RunRecord) -> String {
        let message = run.message.isEmpty ? "" : ": \(run.message)"
        return "  #\(run.id) \(run.startedAt) \(run.command) \(run.outcome.rawValue)\(message)"
    }

    /// Consecutive days collapsed into `first…last`; past ten ranges, a count of the rest.
    static func ranges(_ days: [Day]) -> String {
        var spans: [(Day, Day)] = []
        for day in days {
            if let last = spans.last, day.days(since: last.1) == 1 {
                spans[spans.count - 1].1 = day
            } else {
                spans.append((day, day))
            }
        }
        let shown = spans.prefix(10).map { $0.0 == $0.1 ? $0.0.iso : "\($0.0)…\($0.1)" }
        let rest = spans.count > 10 ? ", and \(spans.count - 10) more" : ""
        return shown.joined(separator: ", ") + rest
    }

    private static func number(_ value: Double) -> String { String(format: "%.4g", value) }
}
