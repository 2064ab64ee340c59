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

    struct Entry: Encodable {
        let madeOn: Day
        let targetDay: Day
        let horizon: Int
        let modelVersion: String
        let point: Double
        let naive: Double
        let intervals: [SiteContent.Interval]
        let actual: Double?
    }

    struct Forecasts: Encodable {
        let instrument: String
        let asOf: Day
        let demo: Bool
        let forecasts: [Entry]
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

    static func forecasts(_ content: SiteContent) -> String {
        encode(
            Forecasts(
                instrument: content.target.instrument, asOf: content.asOf, demo: content.isDemo,
                forecasts: Downloads.sortedLedger(content).map {
                    Entry(
                        madeOn: $0.madeOn, targetDay: $0.targetDay, horizon: $0.horizon, modelVersion: $0.modelVersion,
                        point: $0.point, naive: $0.naive, intervals: $0.intervals, actual: $0.actual)
                }))
    }

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
