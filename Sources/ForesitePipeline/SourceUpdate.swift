import ForesiteStore

/// What one update stage did: rows changed per group, and the sources that failed (whose groups kept
/// their stored rows).
public struct SourceUpdate: Sendable {
    public struct Failure: Hashable, Sendable {
        /// The source's name as users know it, e.g. `cryptocompare` or `alternative.me`.
        public var source: String
        public var message: String

        public init(source: String, message: String) {
            self.source = source
            self.message = message
        }
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
