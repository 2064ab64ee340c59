import ForesiteCore
import Foundation

/// `api/latest.json` and `api/forecasts.json`: the forecasts for programs, with sorted keys so the same
/// ledger always gives the same bytes.
enum APIDocuments {
    struct Step: Encodable {
        let horizon: Int
        let targetDay: Day
        let point: Double
        let naive: Double
        let intervals: [SiteContent.Interval]
    }

    struct Latest: Encodable {
        let instrument: String
        let market: String
        let asOf: Day
        let demo: Bool
        let origin: Day?
        let madeOn: Day?
        let lastObserved: Double?
        let modelVersion: String?
        let steps: [Step]
    }

    static func latest(_ content: SiteContent) -> String {
        let forecast = content.latestForecast
        return encode(
            Latest(
                instrument: content.target.instrument, market: content.target.market, asOf: content.asOf,
                demo: content.isDemo, origin: forecast?.origin, madeOn: forecast?.madeOn,
                lastObserved: forecast?.lastObserved, modelVersion: forecast?.modelVersion,
                steps: (forecast?.steps ?? []).map {
                    Step(
                        horizon: $0.horizon, targetDay: $0.targetDay, point: $0.point, naive: $0.naive,
                        intervals: $0.intervals)
                }))
    }

    /// The whole ledger, written directly rather than through `JSONEncoder`: it grows by ten entries a
    /// day and the encoder was a third of the build time. Keys are emitted in sorted order, like the
    /// encoder's `.sortedKeys`, and numbers use Swift's shortest round-trip form.
    static func forecasts(_ content: SiteContent) -> String {
        var json = "{\"as_of\":\"\(content.asOf.iso)\",\"demo\":\(content.isDemo),\"forecasts\":["
        json.reserveCapacity(content.ledger.count * 320)
        for (index, entry) in Downloads.sortedLedger(content).enumerated() {
            if index > 0 { json += "," }
            json += "{\"actual\":"
            appendNumber(entry.actual ?? .nan, to: &json)
            json += ",\"horizon\":"
            json += String(entry.horizon)
            json += ",\"intervals\":["
            for (position, interval) in entry.intervals.enumerated() {
                json += position == 0 ? "{\"level\":" : ",{\"level\":"
                appendNumber(interval.level, to: &json)
                json += ",\"lower\":"
                appendNumber(interval.lower, to: &json)
                json += ",\"upper\":"
                appendNumber(interval.upper, to: &json)
                json += "}"
            }
            json += "],\"made_on\":\""
            json += entry.madeOn.iso
            json += "\",\"model_version\":"
            json += string(entry.modelVersion)
            json += ",\"naive\":"
            appendNumber(entry.naive, to: &json)
            json += ",\"point\":"
            appendNumber(entry.point, to: &json)
            json += ",\"target_day\":\""
            json += entry.targetDay.iso
            json += "\"}"
        }
        json += "],\"instrument\":\(string(content.target.instrument))}\n"
        return json
    }

    /// `number(_:)` without the intermediate string.
    private static func appendNumber(_ value: Double, to json: inout String) {
        if value.isFinite { value.write(to: &json) } else { json += "null" }
    }

    /// A JSON number, or `null` for NaN and infinities (which JSON cannot express).
    static func number(_ value: Double) -> String { value.isFinite ? "\(value)" : "null" }

    /// A JSON string literal with quotes, backslashes and control characters escaped.
    static func string(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += "\\t"
            case _ where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                result += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result + "\""
    }

    /// Sorted keys make the bytes depend on the values only.
    private static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        // Encoding plain values cannot fail; a failure here is a programming error.
        return String(decoding: try! encoder.encode(value), as: UTF8.self) + "\n"
    }
}
