import ForesiteCore

/// How the site words a model's skill against persistence. An amount ("12 % better") is stated only
/// where the Diebold–Mariano test found the difference at the 5 % level; otherwise the verdict's phrase.
enum SkillWording {
    /// "12 % better than persistence", "not distinguishable from persistence", …
    static func verdict(_ comparison: SkillComparison) -> String {
        switch comparison.verdict {
        case .better, .worse:
            let change = abs(1 - comparison.relativeWIS)
            return "\(NumberFormat.percent(change, decimals: change < 0.01 ? 1 : 0)) \(comparison.verdict.phrase)"
        case .indistinguishable, .tooFew:
            return comparison.verdict.phrase
        }
    }

    /// Relative WIS to two decimals: "0.97".
    static func relative(_ value: Double) -> String {
        value.isFinite ? NumberFormat.fixed(value, decimals: 2) : "–"
    }

    /// "0.031", "< 0.001", or "–" when the test could not be computed.
    static func pValue(_ test: DieboldMariano.Result?) -> String {
        guard let p = test?.pValue, p.isFinite else { return "–" }
        return p < 0.001 ? "< 0.001" : NumberFormat.fixed(p, decimals: 3)
    }

    /// The sentence a skill section leads with: the overall relative WIS, the sample and the verdict.
    static func lead(_ table: SiteContent.SkillTable) -> String {
        let overall = table.overall
        let sample =
            "relative WIS \(relative(overall.relativeWIS)) over \(overall.pairs) scored forecast"
            + "\(overall.pairs == 1 ? "" : "s") made from \(table.from.iso) to \(table.to.iso)"
        switch overall.verdict {
        case .better, .worse:
            return "The \(table.model) model's \(sample): \(verdict(overall)), a difference the "
                + "Diebold–Mariano test finds at the 5 % level (\(pClause(overall.test)))."
        case .indistinguishable:
            return "The \(table.model) model's \(sample): \(verdict(overall)) "
                + "(Diebold–Mariano \(pClause(overall.test)); a difference this size could be luck)."
        case .tooFew:
            return "The \(table.model) model's \(sample): \(verdict(overall))."
        }
    }

    /// "p = 0.41", "p < 0.001", or why there is no p-value.
    private static func pClause(_ test: DieboldMariano.Result?) -> String {
        let text = pValue(test)
        if text == "–" { return "test not computable: the score differences do not vary" }
        return "p " + (text.hasPrefix("<") ? text : "= \(text)")
    }
}
