import ForesiteCore

/// Failures of the pipeline's own steps (the stages' modules have their own error types).
public enum PipelineError: Error, Hashable, Sendable, CustomStringConvertible {
    case noChampion
    case modelUnreadable(path: String, reason: String)
    case staleData(group: String, lastDay: Day?, today: Day)
    case incompatibleModel(version: String, reason: String)

    /// A source URL in the configuration that is not http(s).
    case badSourceURL(key: String, value: String)
    case unknownGroup(String, known: [String])
    /// `run --only SLUG` naming no target of the configuration.
    case unknownTarget(String, known: [String])
    /// `backfill --file` of Fear & Greed readings into a price group, or the reverse.
    case wrongKindOfFile(file: String, holds: String, group: String)
    /// Every source of a backfill or update failed; nothing was stored.
    case allSourcesFailed([SourceUpdate.Failure])
    /// The ledger's hash chain does not hold: a row was changed, removed or inserted outside the program.
    case ledgerChainBroken(String)

    public var description: String {
        switch self {
        case .badSourceURL(let key, let value):
            "\(key) must be an http(s) URL, got \"\(value)\""
        case .unknownGroup(let group, let known):
            "no feature group '\(group)'; the configured groups are \(known.joined(separator: ", "))"
        case .unknownTarget(let slug, let known):
            "no target '\(slug)'; the configured targets are \(known.joined(separator: ", "))"
        case .wrongKindOfFile(let file, let holds, let group):
            "\(file) holds \(holds), which do not belong in group '\(group)'"
        case .allSourcesFailed(let failures):
            "every source failed, nothing was stored: " + failures.map(\.line).joined(separator: "; ")
                + "target's open or close, so predict has nothing to publish for it"
        case .ledgerChainBroken(let summary):
            "\(summary); nothing was published (restore the store from a backup; see README, \"Verify the ledger\")"
        case .noChampion:
            "no champion model yet: run `foresite train` first"
        case .modelUnreadable(let path, let reason):
            "model file \(path) \(reason)"
        case .staleData(let group, let lastDay, let today):
            "\(group): no complete day to forecast from (last complete day \(lastDay?.iso ?? "none"), today \(today))"
        case .incompatibleModel(let version, let reason):
            "model \(version) cannot forecast with this configuration: \(reason)"
        }
    }
}
