import ForesiteCore

/// A place daily rows come from: the one shape `backfill` and `update` fetch every configured series
/// through, whatever the source (CryptoCompare, alternative.me, a CSV file or URL, the demo market).
///
/// `SourceRegistry` makes one for each configured series. A source validates what it receives and throws
/// an `IngestError` (naming itself) for anything it cannot use; it never returns part of a bad answer.
/// Today's UTC day, when present, is marked incomplete (the store keeps it flagged and training skips it).
public protocol DailySource: Sendable {
    /// The source's name in messages, e.g. `cryptocompare` or `csv data/rain.csv`.
    var name: String { get }

    /// Every day the source has when `since` is nil, else the days from `since` on, ascending.
    func rows(since: Day?) async throws -> SourceRows
}
