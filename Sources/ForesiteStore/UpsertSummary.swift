/// What one upsert did to one group. `inserted + updated + unchanged + rejected.count` is the input size
/// (exact duplicates within one batch count once).
public struct UpsertSummary: Hashable, Sendable {
    public var group: String
    public var inserted = 0
    public var updated = 0
    public var unchanged = 0
    public var rejected: [Rejection] = []

    public init(group: String) {
        self.group = group
    }

    /// True when the store changed.
    public var changedRows: Int { inserted + updated }

    mutating func add(_ other: UpsertSummary) {
        inserted += other.inserted
        updated += other.updated
        unchanged += other.unchanged
        rejected += other.rejected
    }
}
