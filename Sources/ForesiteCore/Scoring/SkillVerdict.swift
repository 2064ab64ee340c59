/// What the site may say about a model's skill against persistence: only "better" or "worse" when a
/// Diebold–Mariano test of the WIS differences finds the difference at the 5 % level.
public enum SkillVerdict: String, Hashable, Sendable, Codable {
    case better
    case worse
    case indistinguishable
    /// Fewer scored pairs than `SkillComparison.minimumPairs`: no verdict yet.
    case tooFew = "too_few"

    public static let significanceLevel = 0.05

    public init(relativeWIS: Double, test: DieboldMariano.Result?, pairs: Int) {
        guard pairs >= SkillComparison.minimumPairs, relativeWIS.isFinite else {
            self = .tooFew
            return
        }
        guard let test, test.pValue < Self.significanceLevel else {
            self = .indistinguishable
            return
        }
        self = relativeWIS < 1 ? .better : .worse
    }

    /// The words the site uses: "better than persistence", "not distinguishable from persistence", …
    public var phrase: String {
        switch self {
        case .better: "better than persistence"
        case .worse: "worse than persistence"
        case .indistinguishable: "not distinguishable from persistence"
        case .tooFew: "too few forecasts to tell"
        }
    }
}
