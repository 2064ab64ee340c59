import ForesiteCore
import Foundation

/// `api/latest.json` and `api/forecasts.json`: the forecasts for programs, with sorted keys so the same
/// ledger always gives the same bytes.
enum APIDocuments {
    /// A quantile forecast as the API states it: the median and every quantile keyed by its level
    /// ("0.025" … "0.975"); a quantile the forecast lacks is null.
    struct Quantiles: Encodable {
        let forecast: QuantileForecast

        enum CodingKeys: String, CodingKey { case median, quantiles }

        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(forecast.median, forKey: .median)
            try container.encode(APIDocuments.quantiles(forecast), forKey: .quantiles)
        }
    }

    struct Horizon: Encodable {
        let horizon: Int
        let targetDay: Day
        let forecast: QuantileForecast
        let persistence: QuantileForecast?

        enum CodingKeys: String, CodingKey { case horizon, targetDay, median, quantiles, persistence }

        /// Written by hand so an absent persistence is an explicit null: every horizon has every key.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(horizon, forKey: .horizon)
            try container.encode(targetDay, forKey: .targetDay)
            try container.encode(forecast.median, forKey: .median)
            try container.encode(APIDocuments.quantiles(forecast), forKey: .quantiles)
            try container.encode(persistence.map(Quantiles.init), forKey: .persistence)
        }
    }

    struct Latest: Encodable {
        let instrument: String
        let market: String
        let asOf: Day
        let demo: Bool
        let forecast: IssuedForecast?
        /// Persistence's forecast made the same day, stated beside each horizon.
        let persistence: IssuedForecast?

        enum CodingKeys: String, CodingKey {
            case instrument, market, asOf, demo, origin, madeOn, referencePrice, field, model, modelVersion, horizons
        }

        /// Every key is always present (null without a forecast), so readers need no special case.
        func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(instrument, forKey: .instrument)
            try container.encode(market, forKey: .market)
            try container.encode(asOf, forKey: .asOf)
            try container.encode(demo, forKey: .demo)
            try container.encode(forecast?.origin, forKey: .origin)
            try container.encode(forecast?.madeOn, forKey: .madeOn)
            try container.encode(forecast?.reference, forKey: .referencePrice)
            try container.encode(forecast?.field, forKey: .field)
            try container.encode(forecast?.model, forKey: .model)
            try container.encode(forecast?.modelVersion, forKey: .modelVersion)
            try container.encode(
                (forecast?.steps ?? []).map {
                    Horizon(
                        horizon: $0.horizon, targetDay: $0.targetDay, forecast: $0.forecast,
                        persistence: persistence?.step(horizon: $0.horizon)?.forecast)
                }, forKey: .horizons)
        }
    }

    /// The seven standard quantiles keyed "0.025" … "0.975" (sorted keys keep them ascending).
    static func quantiles(_ forecast: QuantileForecast) -> [String: Double?] {
        Dictionary(
            uniqueKeysWithValues: QuantileForecast.standardQuantileLevels.map {
                (QuantileForecast.label(quantile: $0), forecast.value(atQuantile: $0))
            })
    }

    static func latest(_ content: SiteContent) -> String {
        encode(
            Latest(
                instrument: content.target.instrument, market: content.target.market, asOf: content.asOf,
                demo: content.isDemo, forecast: content.latestForecast,
                persistence: content.latestPersistence))
    }

    /// The published model's ledger, written directly rather than through `JSONEncoder`: it grows by ten
    /// entries a day and the encoder was a third of the build time. Keys are emitted in sorted order, like
    /// the encoder's `.sortedKeys`, and numbers use Swift's shortest round-trip form. Bytes, not a string:
    /// twenty targets with a year of ledger are 35 MB of it on every build.
    static func forecasts(_ content: SiteContent) -> [UInt8] {
        var json: [UInt8] = []
        json.reserveCapacity(content.ledger.count * 520)
        json.append(contentsOf: "{\"as_of\":\"\(content.asOf.iso)\",\"demo\":\(content.isDemo),\"forecasts\":[".utf8)
        // A ledger names a few models and versions: each escaped once.
        var escaped: [String: [UInt8]] = [:]
        func appendString(_ text: String) {
            if let bytes = escaped[text] {
                json.append(contentsOf: bytes)
                return
            }
            let bytes = Array(string(text).utf8)
            escaped[text] = bytes
            json.append(contentsOf: bytes)
        }
        for (index, entry) in Downloads.sortedLedger(content).enumerated() {
            if index > 0 { json.append(UInt8(ascii: ",")) }
            json.append(contentsOf: "{\"actual\":".utf8)
            appendNumber(entry.actual ?? .nan, to: &json)
            json.append(contentsOf: ",\"horizon\":".utf8)
            json.append(contentsOf: String(entry.horizon).utf8)
            json.append(contentsOf: ",\"made_on\":\"".utf8)
            entry.madeOn.appendISO(to: &json)
            json.append(contentsOf: "\",\"median\":".utf8)
            appendNumber(entry.median, to: &json)
            json.append(contentsOf: ",\"model\":".utf8)
            appendString(entry.model)
            json.append(contentsOf: ",\"model_version\":".utf8)
            appendString(entry.modelVersion)
            json.append(contentsOf: ",\"origin\":\"".utf8)
            entry.origin.appendISO(to: &json)
            json.append(contentsOf: "\",\"persistence\":".utf8)
            if let persistence = entry.persistence {
                json.append(contentsOf: "{\"median\":".utf8)
                appendNumber(persistence.median, to: &json)
                json.append(contentsOf: ",\"quantiles\":".utf8)
                appendQuantiles(persistence, to: &json)
                json.append(UInt8(ascii: "}"))
            } else {
                json.append(contentsOf: "null".utf8)
            }
            json.append(contentsOf: ",\"quantiles\":".utf8)
            appendQuantiles(entry.forecast, to: &json)
            json.append(contentsOf: ",\"reference_price\":".utf8)
            appendNumber(entry.reference ?? .nan, to: &json)
            json.append(contentsOf: ",\"target_day\":\"".utf8)
            entry.targetDay.appendISO(to: &json)
            json.append(contentsOf: "\"}".utf8)
        }
        json.append(contentsOf: "],\"instrument\":\(string(content.target.instrument))}\n".utf8)
        return json
    }

    /// `{"0.025":…,…,"0.975":…}` in ascending (and sorted-key) order.
    private static func appendQuantiles(_ forecast: QuantileForecast, to json: inout [UInt8]) {
        var position = 0
        forecast.forEachStandardQuantile { value in
            json.append(contentsOf: quantileKeys[position])
            appendNumber(value ?? .nan, to: &json)
            position += 1
        }
        json.append(UInt8(ascii: "}"))
    }

    /// `{"0.025":`, `,"0.1":`, …: each standard level's key with what precedes it.
    private static let quantileKeys: [[UInt8]] = QuantileForecast.standardQuantileLevels.enumerated().map {
        Array((($0.offset == 0 ? "{\"" : ",\"") + QuantileForecast.label(quantile: $0.element) + "\":").utf8)
    }

    /// `number(_:)` without the intermediate string.
    private static func appendNumber(_ value: Double, to json: inout [UInt8]) {
        if value.isFinite { value.appendDescription(to: &json) } else { json.append(contentsOf: "null".utf8) }
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

    /// One target in `api/targets.json`.
    struct TargetEntry: Encodable {
        let slug: String
        let instrument: String
        let market: String
        let description: String
        let asOf: Day
        /// The model published on the newest day, null before the first forecast.
        let publishedModel: ModelID?
        /// Absolute URLs of the target's site and of its latest forecast at the root's API.
        let site: String
        let latest: String
    }

    struct TargetList: Encodable {
        let asOf: Day
        let demo: Bool
        let targets: [TargetEntry]
    }

    /// `api/targets.json` of a `targets:` site: every target, in configuration order.
    static func targets(_ overview: SiteOverview) -> String {
        let base = overview.site.baseURL
        let entries = overview.targets.map { content in
            let slug = SiteOverview.slug(of: content)
            return TargetEntry(
                slug: slug, instrument: content.target.instrument, market: content.target.market,
                description: content.target.description, asOf: content.asOf,
                publishedModel: content.latestForecast?.model, site: SiteURLs.absolute(slug + "/", base: base),
                latest: SiteURLs.absolute(OverviewFiles.latestAPI(slug), base: base))
        }
        return encode(TargetList(asOf: overview.asOf, demo: overview.isDemo, targets: entries))
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
