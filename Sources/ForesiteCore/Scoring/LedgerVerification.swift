/// The result of walking the ledger's hash chain from its first row.
public struct LedgerVerification: Hashable, Sendable {
    /// Rows in the ledger.
    public var count: Int
    /// The earliest `made_on`, nil for an empty ledger.
    public var firstDay: Day?
    /// The first row whose hashes do not follow from the rows before it, nil when the chain holds.
    public var firstBroken: Break?
    /// The last row's hash when this walk found the whole chain holding (nil otherwise, and for a
    /// verification stated rather than walked): it then vouches for every row up to it.
    public var verifiedHead: String?
    /// How many rows, from the first, were taken as an earlier walk found them (`walkingFrom`); the walk
    /// checked the rest.
    public var rowsRemembered = 0

    public struct Break: Hashable, Sendable {
        /// 1-based position of the row in chain order.
        public var position: Int
        public var madeOn: Day
        public var model: String
        public var horizon: Int
        /// What does not match: "content changed (hash …)", "previous hash …".
        public var reason: String

        public init(position: Int, madeOn: Day, model: String, horizon: Int, reason: String) {
            self.position = position
            self.madeOn = madeOn
            self.model = model
            self.horizon = horizon
            self.reason = reason
        }
    }

    public init(count: Int, firstDay: Day?, firstBroken: Break?, verifiedHead: String? = nil) {
        self.count = count
        self.firstDay = firstDay
        self.firstBroken = firstBroken
        self.verifiedHead = firstBroken == nil ? verifiedHead : nil
    }

    /// Whether this walk verified exactly `records`: the same number of rows, the chain holding, and the
    /// same last hash. Each row's hash covers its content and the hash before it, so the hash of row k
    /// then stands for rows 1…k (what an incremental build compares instead of every row's fields).
    public func vouches(for records: [LedgerRecord]) -> Bool {
        guard let verifiedHead, isVerified, count == records.count else { return false }
        return records.last?.hash == verifiedHead
    }

    public var isVerified: Bool { firstBroken == nil }

    /// Walks `records` in chain order and reports the first row that does not follow.
    ///
    /// Every site build walks every target's whole ledger, so the rows are hashed through one reusable
    /// buffer and each digest is compared with the stored hex without making a string.
    ///
    /// With `walkingFrom` k the first k rows are taken as verified and the walk starts at row k + 1, from
    /// row k's hash: for rows an earlier walk found holding and that are byte for byte the same now
    /// (`LedgerVerificationMemo`), walking them again would find the same.
    public init(records: [LedgerRecord], walkingFrom start: Int = 0) {
        precondition((0...records.count).contains(start), "a walk starts within the ledger")
        var previous = start == 0 ? LedgerRecord.genesis : records[start - 1].hash
        var broken: Break?
        var hasher = LedgerChainHasher()
        for index in start..<records.count {
            let record = records[index]
            let reason: String?
            if record.previousHash != previous {
                reason = "previous hash \(record.previousHash.prefix(12))… should be \(previous.prefix(12))…"
            } else if !hasher.hash(record, after: previous).matches(hex: record.hash) {
                reason = "content does not match its hash \(record.hash.prefix(12))…"
            } else {
                reason = nil
            }
            if let reason {
                broken = Break(
                    position: index + 1, madeOn: record.madeOn, model: record.model, horizon: record.horizon,
                    reason: reason)
                break
            }
            previous = record.hash
        }
        self.init(
            count: records.count, firstDay: records.lazy.map(\.madeOn).min(), firstBroken: broken,
            verifiedHead: records.last?.hash)
        rowsRemembered = start
    }

    /// `summary` and, when an earlier walk spared rows, how many: "…, chain verified (29120 rows as the last
    /// walk found them, 80 walked)". For the console; the site shows `summary`, the same however it was walked.
    public var walkSummary: String {
        guard rowsRemembered > 0, isVerified else { return summary }
        return summary + " (\(rowsRemembered) rows as the last walk found them, \(count - rowsRemembered) walked)"
    }

    /// "412 forecasts since 2025-01-01, chain verified" / "chain broken at row 17 (…)".
    public var summary: String {
        if let firstBroken {
            return "ledger chain broken at row \(firstBroken.position) (made on \(firstBroken.madeOn.iso), "
                + "\(firstBroken.model), horizon \(firstBroken.horizon)): \(firstBroken.reason)"
        }
        guard let firstDay else { return "no forecasts yet" }
        return "\(count) forecasts since \(firstDay.iso), chain verified"
    }
}
