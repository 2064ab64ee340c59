import ForesiteCore
import Testing

@testable import ForesiteSite

/// The input digests of archive pages and of the ledger's CSV (`BuildHasher+Content.swift`) feed every
/// stored property of the values they are made from. A property added to one of them must be added to its digest too, or an
/// incremental build would reuse a page after that property changed: this lists them by reflection.
@Suite("Build digest coverage")
struct BuildDigestCoverageTests {
    static func properties(_ value: Any) -> [String] { Mirror(reflecting: value).children.compactMap(\.label) }

    static let forecast = QuantileForecast(
        median: 1, intervals: [PredictionInterval(level: 0.8, lower: 0, upper: 2)])
    static let issued = IssuedForecast(
        model: "drift", modelVersion: "1", madeOn: Day(daysSinceEpoch: 1), origin: Day(daysSinceEpoch: 0),
        targetGroup: "solana", field: "close", reference: 1, inputHash: "h",
        steps: [IssuedForecast.Step(horizon: 1, targetDay: Day(daysSinceEpoch: 1), forecast: forecast)])

    @Test func everyPropertyOfAnArchiveDayIsDigested() {
        let day = SiteContent.ArchiveDay(
            madeOn: Day(daysSinceEpoch: 1), origin: Day(daysSinceEpoch: 0), reference: 1, published: "drift",
            forecasts: [Self.issued], actuals: [:])
        #expect(Self.properties(day) == ["madeOn", "origin", "reference", "published", "forecasts", "actuals"])
        #expect(
            Self.properties(Self.issued) == [
                "model", "modelVersion", "madeOn", "origin", "targetGroup", "field", "reference", "inputHash", "steps",
            ])
        #expect(Self.properties(Self.issued.steps[0]) == ["horizon", "targetDay", "forecast"])
        #expect(Self.properties(Self.forecast) == ["median", "intervals"])
        #expect(Self.properties(Self.forecast.intervals[0]) == ["level", "lower", "upper"])
        #expect(Self.properties(Day(daysSinceEpoch: 0)) == ["daysSinceEpoch"])
        #expect(
            Self.properties(Self.issued.records[0]) == [
                "madeOn", "model", "modelVersion", "targetGroup", "field", "origin", "horizon", "targetDay",
                "reference",
                "forecast", "inputHash", "previousHash", "hash",
            ])
    }

    @Test func digestsTellFieldsApart() {
        var one = BuildHasher()
        one.add("ab")
        one.add("c")
        var other = BuildHasher()
        other.add("a")
        other.add("bc")
        #expect(one.digest != other.digest)
        #expect(BuildDigest.of(Array("page".utf8)) == BuildDigest.of(Array("page".utf8)))
        #expect(BuildDigest.of(Array("page one".utf8)) != BuildDigest.of(Array("page onf".utf8)))
    }
}
