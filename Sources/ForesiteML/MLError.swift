import ForesiteCore

/// Everything that can go wrong while building a training set, training, predicting or reading an artifact.
///
/// Each case carries the value that was wrong so the message can quote it.
public enum MLError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownColumn(String)
    case missingGroup(group: String, column: String)
    case notEnoughData(needed: Int, available: Int, what: String)
    case shapeMismatch(what: String, expected: Int, got: Int)
    case targetNotAnInput(target: String)
    case invalidOption(name: String, value: String)
    case unsupportedFormat(version: Int, path: String)
    case unreadableArtifact(path: String, reason: String)
    case unwritableArtifact(path: String, reason: String)
    case nonFiniteLoss(epoch: Int)

    public var description: String {
        switch self {
        case .unknownColumn(let column):
            "ml: column '\(column)' is not of the form group.field with a known field"
        case .missingGroup(let group, let column):
            "ml: column '\(column)' needs feature group '\(group)', which was not supplied"
        case .notEnoughData(let needed, let available, let what):
            "ml: \(what) needs at least \(needed), only \(available) available"
        case .shapeMismatch(let what, let expected, let got):
            "ml: \(what) has \(got) values, expected \(expected)"
        case .targetNotAnInput(let target):
            "ml: target mode 'returns' needs the target column '\(target)' among the inputs"
        case .invalidOption(let name, let value):
            "ml: option \(name) = '\(value)' is not allowed"
        case .unsupportedFormat(let version, let path):
            "ml: model artifact '\(path)' has format version \(version), this build reads \(ModelArtifact.formatVersion)"
        case .unreadableArtifact(let path, let reason):
            "ml: cannot read model artifact '\(path)': \(reason)"
        case .unwritableArtifact(let path, let reason):
            "ml: cannot write model artifact '\(path)': \(reason)"
        case .nonFiniteLoss(let epoch):
            "ml: training diverged: the loss is not finite in epoch \(epoch)"
        }
    }
}
