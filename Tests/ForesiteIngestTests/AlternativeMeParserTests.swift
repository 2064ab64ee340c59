import ForesiteCore
import Foundation
import Testing

@testable import ForesiteIngest

@Suite struct AlternativeMeParserTests {
    @Test func parsesStringFieldsNewestFirstIntoAscendingReadings() throws {
        let body = Fixtures.fearGreedBody([
            ("2024-12-30", 65, "Greed"), ("2024-12-31", 64, "Greed"), ("2024-12-29", 20, "Extreme Fear"),
        ])
        let readings = try AlternativeMeParser.readings(from: Data(body.utf8), status: 200)
        #expect(readings.map(\.day.iso) == ["2024-12-29", "2024-12-30", "2024-12-31"])
        #expect(readings.map(\.value) == [20, 65, 64])
        #expect(readings.map(\.classification) == [.extremeFear, .greed, .greed])
    }

    @Test func keepsTimeUntilUpdateOnTheNewestElementHarmless() throws {
        let body = """
            {"name":"Fear and Greed Index","data":[{"value":"71","value_classification":"Greed","timestamp":"1735603200","time_until_update":"-1735603155"}],"metadata":{"error":null}}
            """
        let readings = try AlternativeMeParser.readings(from: Data(body.utf8))
        #expect(readings == [FearGreedReading(day: Day(iso: "2024-12-31")!, value: 71, classification: .greed)])
    }

    @Test func turnsMetadataErrorIntoAnAPIError() {
        let body = Fixtures.fearGreedBody([], error: "Limit must be a number")
        #expect(
            throws: IngestError(
                source: "alternative.me", reason: .api(message: "Limit must be a number"), httpStatus: 200)
        ) {
            try AlternativeMeParser.readings(from: Data(body.utf8), status: 200)
        }
    }

    @Test func rejectsAnUnknownLabel() {
        let body = Fixtures.fearGreedBody([("2024-12-31", 64, "Greedy")])
        #expect(throws: IngestError(source: "alternative.me", reason: .unknownClassification("Greedy"))) {
            try AlternativeMeParser.readings(from: Data(body.utf8))
        }
    }

    @Test func rejectsATimestampThatIsNotMidnight() {
        let body = """
            {"name":"x","data":[{"value":"50","value_classification":"Neutral","timestamp":"1735603201"}],"metadata":{"error":null}}
            """
        #expect(
            throws: IngestError(
                source: "alternative.me", reason: .notMidnight(path: "data[0].timestamp", timestamp: 1_735_603_201))
        ) { try AlternativeMeParser.readings(from: Data(body.utf8)) }
    }

    @Test func rejectsANonNumericValue() throws {
        let body = """
            {"name":"x","data":[{"value":"high","value_classification":"Greed","timestamp":"1735603200"}],"metadata":{"error":null}}
            """
        let error = try #require(throws: IngestError.self) { try AlternativeMeParser.readings(from: Data(body.utf8)) }
        #expect(error.description == "alternative.me: data[0].value: expected a number, got \"high\"")
    }
}
