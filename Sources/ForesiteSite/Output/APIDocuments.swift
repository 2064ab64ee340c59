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
    /// the encoder's `.sortedKeys`, and numbers use Swift's shortest round-trip form.
    static func forecasts(_ content: SiteContent) -> String {
        var json = "{\"as_of\":\"\(content.asOf.iso)\",\"demo\":\(content.isDemo),\"forecasts\":["
        json.reserveCapacity(content.ledger.count * 480)
        for (index, entry) in Downloads.sortedLedger(content).enumerated() {
            if index > 0 { json += "," }
            json += "{\"actual\":"
            appendNumber(entry.actual ?? .nan, to: &json)
            json += ",\"horizon\":"
            json += String(entry.horizon)
            json += ",\"made_on\":\""
            json += entry.madeOn.iso
            json += "\",\"median\":"
            appendNumber(entry.median, to: &json)
            json += ",\"model\":"
            json += string(entry.model)
            json += ",\"model_version\":"
            json += string(entry.modelVersion)
            json += ",\"origin\":\""
            json += entry.origin.iso
            json += "\",\"persistence\":"
            if let persistence = entry.persistence {
                json += "{\"median\":"
                appendNumber(persistence.median, to: &json)
                json += ",\"quantiles\":"
                appendQuantiles(persistence, to: &json)
                json += "}"
            } else {
                json += "null"
            }
            json += ",\"quantiles\":"
            appendQuantiles(entry.forecast, to: &json)
            json += ",\"reference_price\":"
            appendNumber(entry.reference ?? .nan, to: &json)
            json += ",\"target_day\":\""
            json += entry.targetDay.iso
            json += "\"}"
        }
        json += "],\"instrument\":\(string(content.target.instrument))}\n"
        return json
    }

    /// `{"0.025":…,…,"0.975":…}` in ascending (and sorted-key) order.
    private static func appendQuantiles(_ forecast: QuantileForecast, to json: inout String) {
        for (position, level) in QuantileForecast.standardQuantileLevels.enumerated() {
            json += position == 0 ? "{\"" : ",\""
            json += QuantileForecast.label(quantile: level)
            json += "\":"
            appendNumber(forecast.value(atQuantile: level) ?? .nan, to: &json)
        }
        json += "}"
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
