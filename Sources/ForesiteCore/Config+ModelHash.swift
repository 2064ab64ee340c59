extension Config {
    /// A stable fingerprint of everything that shapes a trained model: the model section, the input columns
    /// and the instruments they come from. Stored with every model and forecast so that "the model
    /// configuration changed" is a string comparison; it ignores site, store and source settings.
    ///
    /// FNV-1a 64 over a canonical text (one `key=value` per line, fixed order) is enough here: it only has
    /// to be deterministic across runs and platforms, not collision-resistant against an adversary.
    public var hashForModel: String {
        let m = model
        var lines = [
            "inputs=" + m.inputs.joined(separator: ","),
            "window=\(m.window)", "horizon=\(m.horizon)", "hidden=\(m.hidden)", "dense=\(m.dense)",
            "epochs=\(m.epochs)", "batch=\(m.batch)", "learning_rate=\(m.learningRate)", "seed=\(m.seed)",
            "target_mode=\(m.targetMode.rawValue)", "ensemble=\(m.ensemble)", "patience=\(m.patience)",
            "intervals=" + m.intervals.map { "\($0)" }.joined(separator: ","),
            "target=" + Self.hashKey(target),
        ]
        // Added only when not the original's `open`, so an existing open-target model keeps its hash.
        if targetFieldName != "open" { lines.append("target_field=\(targetFieldName)") }
        lines += covariates.map { "covariate=" + Self.hashKey($0) }
        lines.append("\(Config.fearGreedGroup)=\(fearGreed.enabled)")
        return FNV1a64.hex(of: lines.joined(separator: "\n"))
    }

    /// `group:market:instrument` for a CryptoCompare series (as before sources were configurable, so its
    /// hash is unchanged), `group:csv:column,column` for a CSV series.
    private static func hashKey(_ series: Instrument) -> String {
        switch series.source {
        case .csv: "\(series.group):csv:" + series.fields.joined(separator: ",")
        default: "\(series.group):\(series.market):\(series.instrument)"
        }
    }
}

/// The 64-bit FNV-1a hash, as 16 lowercase hex digits; deterministic everywhere, unlike `Hasher`.
public enum FNV1a64 {
    public static func hash(_ bytes: some Sequence<UInt8>, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    public static func hex(of text: String) -> String {
        let value = hash(text.utf8)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}
