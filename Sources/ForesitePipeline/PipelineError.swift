import ForesiteCore

/// Failures of the pipeline's own steps (the stages' modules have their own error types).
public enum PipelineError: Error, Hashable, Sendable, CustomStringConvertible {
    case noChampion
    case modelUnreadable(path: String, reason: String)
    case staleData(group: String, lastDay: Day?, today: Day)
    case incompatibleModel(version: String, reason: String)

    public var description: String {
        switch self {
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
