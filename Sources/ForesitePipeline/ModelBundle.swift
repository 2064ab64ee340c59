import ForesiteCore
import ForesiteForecast
import ForesiteML
import Foundation

/// One registered model version on disk (`data/models/<version>.json`): the ensemble's member artifacts
/// (ModelFormat.md), the conformal calibration of the averaged forecast, and its evaluation.
///
/// The members carry their own per-member metrics; `evaluation` is the averaged ensemble's, which is what
/// is published and what promotion compares.
public struct ModelBundle: Hashable, Sendable, Codable {
    public static let formatVersion = 1

    public var formatVersion: Int
    public var version: String
    public var trainedOn: Day
    public var members: [ModelArtifact]
    public var calibration: ConformalCalibration
    public var evaluation: ModelArtifact.Evaluation

    public init(
        version: String, trainedOn: Day, members: [ModelArtifact], calibration: ConformalCalibration,
        evaluation: ModelArtifact.Evaluation
    ) {
        self.formatVersion = ModelBundle.formatVersion
        self.version = version
        self.trainedOn = trainedOn
        self.members = members
        self.calibration = calibration
        self.evaluation = evaluation
    }

    /// The first member describes the inputs, window, horizon and target every member shares.
    public var lead: ModelArtifact { members[0] }

    /// The members as an ensemble ready to predict.
    public func ensemble() throws -> Ensemble {
        try Ensemble(
            members: try members.map { try $0.model() }, seeds: members.map(\.training.seed),
            bestEpochs: members.map(\.training.bestEpoch))
    }

    /// The forecaster for this version: the ensemble and its calibration.
    public func forecaster() throws -> Forecaster {
        try Forecaster(ensemble: try ensemble(), calibration: calibration, modelVersion: version)
    }

    /// Canonical JSON (sorted keys) so the same bundle always has the same bytes and hash.
    public func encoded() throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(self)
    }

    /// Writes atomically: a temporary file in the same folder, then one rename.
    public func write(to url: URL) throws -> (bytes: Int, sha256: String) {
        let data = try encoded()
        try FileManager.default.createDirectory(
            at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try data.write(to: url, options: .atomic)
        return (data.count, SHA256.hex(data))
    }

    /// Reads a bundle, refusing one whose bytes do not match `sha256` (a torn or edited file).
    public static func read(from url: URL, expectingSHA256 sha256: String? = nil) throws -> ModelBundle {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw PipelineError.modelUnreadable(path: url.path, reason: "cannot be read")
        }
        if let sha256, SHA256.hex(data) != sha256 {
            throw PipelineError.modelUnreadable(path: url.path, reason: "does not match its registered SHA-256")
        }
        do {
            let bundle = try JSONDecoder().decode(ModelBundle.self, from: data)
            guard bundle.formatVersion == formatVersion, !bundle.members.isEmpty else {
                throw PipelineError.modelUnreadable(
                    path: url.path, reason: "has format version \(bundle.formatVersion), expected \(formatVersion)")
            }
            return bundle
        } catch let error as PipelineError {
            throw error
        } catch {
            throw PipelineError.modelUnreadable(path: url.path, reason: "is not a model bundle (\(error))")
        }
    }
}
