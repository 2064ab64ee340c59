/// What appending a forecast did.
public enum LedgerAppend: Hashable, Sendable {
    case appended
    /// The identical forecast for that day was already in the ledger; nothing was written.
    case alreadyRecorded
}
