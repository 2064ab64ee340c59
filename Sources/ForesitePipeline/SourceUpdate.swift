import ForesiteCore
import ForesiteStore

/// What one update stage did: rows changed per group, and the sources that failed (whose groups kept
/// their stored rows).
public struct SourceUpdate: Sendable {
    /// One source that failed for one group, kept as parts from ingestion to the run's report and the
    /// site's banner, so nothing downstream has to take a joined line apart again.
    public struct Failure: Hashable, Sendable {
        /// The source's name as users know it, e.g. `cryptocompare`, `alternative.me` or `csv data/rain.csv`.
        public var source: String
        /// The feature group it was fetching; nil when the failure is not one group's (the update stage).
        public var group: String?
        /// What went wrong, e.g. `no response within 1 s after 2 attempts`.
        public var problem: String
        /// The group's last complete day, which the store kept; nil for an empty group.
        public var keptThrough: Day?

        public init(source: String, group: String?, problem: String, keptThrough: Day? = nil) {
            self.source = source
            self.group = group
            self.problem = problem
            self.keptThrough = keptThrough
        }

        /// What went wrong and what the store kept: `… after 2 attempts; solana kept its rows through 2024-12-30`.
        public var message: String {
            guard let group else { return problem }
            let kept = keptThrough.map { "\(group) kept its rows through \($0)" } ?? "\(group) is still empty"
            return "\(problem); \(kept)"
        }

        /// The message after the source's name: `cryptocompare: …`.
        public var line: String { "\(source): \(message)" }
    }

    public var summaries: [UpsertSummary]
    public var failures: [Failure]
    /// Which source served each group (`solana` → `cryptocompare`), so a rejected row can name it.
    public var sourceOfGroup: [String: String]

    public init(summaries: [UpsertSummary] = [], failures: [Failure] = [], sourceOfGroup: [String: String] = [:]) {
        self.summaries = summaries
        self.failures = failures
        self.sourceOfGroup = sourceOfGroup
    }

    /// `solana +1 ~0, bitcoin +1 ~0, fear_greed +1 ~0` (inserted, updated; rejected when any).
    public var changeLine: String {
        summaries.map { summary in
            "\(summary.group) +\(summary.inserted) ~\(summary.updated)"
                + (summary.rejected.isEmpty ? "" : " ✗\(summary.rejected.count)")
        }.joined(separator: ", ")
    }
}
