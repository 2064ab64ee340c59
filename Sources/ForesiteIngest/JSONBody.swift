import Foundation

/// The shared first step of both JSON parsers: tell an HTML page, a truncated body and broken JSON apart
/// (each gets its own message), then offer typed field access whose errors name the field's path.
///
/// Built on `JSONSerialization` rather than `Decodable` because the wire formats are loose (numbers arrive as
/// strings, `Data` is an array on success and an object on error) and every problem must quote the path.
struct JSONBody {
    let source: String
    let status: Int?

    /// The body's top-level object.
    func object(from body: Data) throws -> JSONObject {
        guard let first = body.first(where: { !Self.isWhitespace($0) }) else {
            throw error(.malformedJSON(detail: "the body is empty"))
        }
        guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
            throw error(.notJSON(snippet: Self.snippet(of: body)))
        }
        let parsed: Any
        do {
            parsed = try JSONSerialization.jsonObject(with: body, options: [])
        } catch {
            let last = body.last(where: { !Self.isWhitespace($0) })
            let detail =
                last == UInt8(ascii: "}") || last == UInt8(ascii: "]")
                ? "invalid JSON in \(body.count) bytes" : "the body breaks off after \(body.count) bytes (truncated)"
            throw self.error(.malformedJSON(detail: detail))
        }
        guard let dictionary = parsed as? [String: Any] else {
            throw error(.badField(path: "(top level)", detail: "expected a JSON object"))
        }
        return JSONObject(values: dictionary, path: "", body: self)
    }

    func error(_ reason: IngestError.Reason) -> IngestError {
        IngestError(source: source, reason: reason, httpStatus: status)
    }

    /// The first 60 characters with whitespace runs collapsed, for quoting a non-JSON body in one line.
    static func snippet(of body: Data) -> String {
        let text = String(decoding: body.prefix(400), as: UTF8.self)
        let words = text.split(whereSeparator: { $0.isWhitespace || $0.isNewline })
        let oneLine = words.joined(separator: " ")
        return oneLine.count > 60 ? String(oneLine.prefix(60)) + "…" : oneLine
    }

    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }
}

/// One JSON object plus where it sits in the body (`Data[3]`), so a bad field reads `Data[3].OPEN: …`.
struct JSONObject {
    let values: [String: Any]
    let path: String
    let body: JSONBody

    func has(_ key: String) -> Bool { values[key] != nil && !(values[key] is NSNull) }

    func fieldPath(_ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }

    func object(_ key: String) -> JSONObject? {
        (values[key] as? [String: Any]).map { JSONObject(values: $0, path: fieldPath(key), body: body) }
    }

    func objects(_ key: String) throws -> [JSONObject] {
        guard let array = values[key] as? [Any] else {
            throw body.error(
                .badField(path: fieldPath(key), detail: "expected an array, got \(Self.describe(values[key]))"))
        }
        return try array.enumerated().map { index, element in
            let elementPath = "\(fieldPath(key))[\(index)]"
            guard let object = element as? [String: Any] else {
                throw body.error(
                    .badField(path: elementPath, detail: "expected an object, got \(Self.describe(element))"))
            }
            return JSONObject(values: object, path: elementPath, body: body)
        }
    }

    func string(_ key: String) -> String? {
        switch values[key] {
        case let text as String: text
        case let number as NSNumber: number.stringValue
        default: nil
        }
    }

    /// A finite number, given as a JSON number or as a numeric string (`"71"`, `"183.61"`).
    func number(_ key: String) throws -> Double {
        let raw = values[key]
        let value: Double?
        switch raw {
        case let text as String: value = Double(text.trimmingCharacters(in: .whitespaces))
        case let number as NSNumber: value = number.doubleValue
        default: value = nil
        }
        guard let value, value.isFinite else {
            throw body.error(.badField(path: fieldPath(key), detail: "expected a number, got \(Self.describe(raw))"))
        }
        return value
    }

    /// A whole number (seconds, counts), given as a JSON number or numeric string.
    func integer(_ key: String) throws -> Int {
        let value = try number(key)
        guard value == value.rounded(), abs(value) < 1e15 else {
            throw body.error(.badField(path: fieldPath(key), detail: "expected a whole number, got \(value)"))
        }
        return Int(value)
    }

    /// `what` quoted the way errors show it: strings in quotes, short, never the whole body.
    static func describe(_ what: Any?) -> String {
        switch what {
        case nil, is NSNull: return "nothing"
        case let text as String:
            let short = text.count > 40 ? String(text.prefix(40)) + "…" : text
            return "\"\(short)\""
        case let number as NSNumber: return number.stringValue
        case is [Any]: return "an array"
        case is [String: Any]: return "an object"
        default: return "an unexpected value"
        }
    }
}
