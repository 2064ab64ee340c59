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
            "target=\(target.group):\(target.market):\(target.instrument)",
        ]
        // Added only when not the original's `open`, so an existing open-target model keeps its hash.
        if targetField != .open { lines.append("target_field=\(targetField.rawValue)") }
        lines += covariates.map { "covariate=\($0.group):\($0.market):\($0.instrument)" }
        lines.append("fear_greed=\(fearGreed.enabled)")
        return FNV1a64.hex(of: lines.joined(separator: "\n"))
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
