@testable import ForesiteCore

/// The ledger's content line and chain hash as first written (fields as strings, joined, the joined copy
/// hashed): the reference `appendContentLine` and `LedgerChainHasher` are held to.
extension LedgerRecord {
    /// The content columns as text: numbers in Swift's shortest round-trip form, a quantile the forecast
    /// does not state as an empty field.
    var contentFields: [String] {
        [
            madeOn.iso, model, modelVersion, targetGroup, field, origin.iso, String(horizon), targetDay.iso,
            String(reference),
        ]
            + QuantileForecast.standardQuantileLevels.map { level in
                forecast.value(atQuantile: level).map { String($0) } ?? ""
            } + [inputHash]
    }

    static func chainHash(previous: String, contentLine: String) -> String {
        SHA256.hex(previous + "," + contentLine)
    }
}
