import ForesiteCore
import Foundation

/// Parses alternative.me's `GET /fng/` body: `{"name":…,"data":[{"value":"71","value_classification":"Greed",
/// "timestamp":"1735603200"}],"metadata":{"error":null}}`, newest first, numbers as strings.
///
/// Pure, like `CryptoCompareParser`. Readings come back ascending by day; the label is kept as the API gives
/// it (it is the published classification), but one the index never uses is an error.
public enum AlternativeMeParser {
    public static let source = "alternative.me"

    public static func readings(from body: Data, status: Int? = nil, source: String = source) throws
        -> [FearGreedReading]
    {
        let json = JSONBody(source: source, status: status)
        let top = try json.object(from: body)
        if let metadata = top.object("metadata"), metadata.has("error") {
            throw json.error(
                .api(message: metadata.string("error") ?? "error \(JSONObject.describe(metadata.values["error"]))"))
        }
        if let status, !(200..<300).contains(status) { throw json.error(.unexpectedStatus) }
        let readings = try top.objects("data").map { item in
            let value = try item.integer("value")
            let timestamp = try item.integer("timestamp")
            guard let day = Day(midnightTimestamp: timestamp) else {
                throw json.error(.notMidnight(path: item.fieldPath("timestamp"), timestamp: timestamp))
            }
            guard let label = item.string("value_classification") else {
                throw json.error(.badField(path: item.fieldPath("value_classification"), detail: "missing"))
            }
            guard let classification = FearGreedClass(label: label) else {
                throw json.error(.unknownClassification(label))
            }
            return FearGreedReading(day: day, value: value, classification: classification)
        }
        return try DailyRows.normalised(readings, source: source, status: status)
    }
}
