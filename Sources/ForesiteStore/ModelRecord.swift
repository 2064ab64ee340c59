import ForesiteCore

/// One trained model version as the registry records it: where its artifact is, what data it saw, how it
/// scored on its test window beside the naive forecast, and whether it is the champion.
public struct ModelRecord: Hashable, Sendable {
    public var version: String
    /// ISO 8601 UTC.
    public var createdAt: String
    public var targetMode: Config.TargetMode
    /// `Config.hashForModel` at training time; a different current hash means the configuration changed.
    public var configHash: String
    public var artifactPath: String
    public var artifactSHA256: String
    /// First and last day of the data the model was built from (training, validation and test).
    public var dataFirstDay: Day
    public var dataLastDay: Day
    /// The held-out test window, inside the data window.
    public var testFirstDay: Day
    public var testLastDay: Day
    /// All evaluation metrics as JSON (the registry does not interpret them).
    public var metricsJSON: String
    public var testMAE: Double
    public var naiveTestMAE: Double
    /// Ensemble members (seeds, artifact hashes) as a JSON array; `[]` for a single model.
    public var membersJSON: String
    public var notes: String
    /// Set only by `StoreWriter.promote(version:)`; ignored by `register(_:)`.
    public var isChampion: Bool

    public init(
        version: String, createdAt: String, targetMode: Config.TargetMode, configHash: String, artifactPath: String,
        artifactSHA256: String, dataFirstDay: Day, dataLastDay: Day, testFirstDay: Day, testLastDay: Day,
        metricsJSON: String = "{}", testMAE: Double, naiveTestMAE: Double, membersJSON: String = "[]",
        notes: String = "", isChampion: Bool = false
    ) {
        self.version = version
        self.createdAt = createdAt
        self.targetMode = targetMode
        self.configHash = configHash
        self.artifactPath = artifactPath
        self.artifactSHA256 = artifactSHA256
        self.dataFirstDay = dataFirstDay
        self.dataLastDay = dataLastDay
        self.testFirstDay = testFirstDay
        self.testLastDay = testLastDay
        self.metricsJSON = metricsJSON
        self.testMAE = testMAE
        self.naiveTestMAE = naiveTestMAE
        self.membersJSON = membersJSON
        self.notes = notes
        self.isChampion = isChampion
    }
}
