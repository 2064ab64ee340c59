/// One ledger row as it is chained and published: one model's quantile forecast of one horizon, made on
/// one day, with the SHA-256 of the previous row and its own.
///
/// `hash = SHA256(previousHash + "," + contentLine)`, where `contentLine` is the row's content columns
/// joined by commas exactly as `docs/downloads/ledger.csv` writes them, and the first row's
/// `previousHash` is 64 zeros. Changing, removing or reordering any row breaks every later hash, so a
/// reader can check the published ledger with a few lines of any language (README, "Verify the ledger").
public struct LedgerRecord: Hashable, Sendable {
    /// The `previousHash` of the first row.
    public static let genesis = String(repeating: "0", count: 64)

    /// The content columns, in order; the CSV adds `previous_sha256` and `sha256`.
    public static let contentColumns =
        ["made_on", "model", "model_version", "target_group", "field", "origin", "horizon", "target_day", "reference"]
        + QuantileForecast.standardQuantileLevels.map { "q" + QuantileForecast.label(quantile: $0) } + ["input_hash"]

    public var madeOn: Day
    /// e.g. "lstm", "persistence".
    public var model: String
    public var modelVersion: String
    public var targetGroup: String
    /// The forecast field of the target group, e.g. "close".
    public var field: String
    public var origin: Day
    public var horizon: Int
    public var targetDay: Day
    /// The latest known price at the origin (the origin's close).
    public var reference: Double
    public var forecast: QuantileForecast
    public var inputHash: String
    public var previousHash: String
    public var hash: String

    public init(
        madeOn: Day, model: String, modelVersion: String, targetGroup: String, field: String, origin: Day,
        horizon: Int, targetDay: Day, reference: Double, forecast: QuantileForecast, inputHash: String,
        previousHash: String = LedgerRecord.genesis, hash: String = ""
    ) {
        self.madeOn = madeOn
        self.model = model
        self.modelVersion = modelVersion
        self.targetGroup = targetGroup
        self.field = field
        self.origin = origin
        self.horizon = horizon
        self.targetDay = targetDay
        self.reference = reference
        self.forecast = forecast
        self.inputHash = inputHash
        self.previousHash = previousHash
        self.hash = hash
    }

    /// The content columns as text joined by commas: numbers in Swift's shortest round-trip form, a quantile
    /// the forecast does not state (rows from before the 50 % interval existed) as an empty field.
    public var contentLine: String {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(320)
        appendContentLine(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends the UTF-8 of `contentLine` to `bytes`, making no string for a field it can write directly:
    /// every build re-hashes every row of every target's ledger (`LedgerChainHasher`).
    public func appendContentLine(to bytes: inout [UInt8]) {
        let comma = UInt8(ascii: ",")
        madeOn.appendISO(to: &bytes)
        // Four calls rather than a loop over an array literal, which would be allocated for every row.
        func append(_ text: String) {
            bytes.append(comma)
            bytes.append(contentsOf: text.utf8)
        }
        append(model)
        append(modelVersion)
        append(targetGroup)
        append(field)
        bytes.append(comma)
        origin.appendISO(to: &bytes)
        bytes.append(comma)
        bytes.append(contentsOf: String(horizon).utf8)
        bytes.append(comma)
        targetDay.appendISO(to: &bytes)
        bytes.append(comma)
        reference.appendDescription(to: &bytes)
        forecast.forEachStandardQuantile { value in
            bytes.append(comma)
            value?.appendDescription(to: &bytes)
        }
        bytes.append(comma)
        bytes.append(contentsOf: inputHash.utf8)
    }

    /// The hash this row must carry after `previousHash`.
    public func expectedHash(after previousHash: String) -> String {
        var hasher = LedgerChainHasher()
        return hasher.hash(self, after: previousHash).hex
    }

    /// A copy chained after `previous` (its `previousHash` and `hash` set).
    public func chained(after previous: String) -> LedgerRecord {
        var copy = self
        copy.previousHash = previous
        copy.hash = expectedHash(after: previous)
        return copy
    }
}
