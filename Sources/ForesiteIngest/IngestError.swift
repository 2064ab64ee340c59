/// Everything that can go wrong while getting data in: one type for the whole module, so the CLI prints one
/// line (`cryptocompare: Not found: market parameter. Value krakn not integrated yet. (HTTP 404)`) and tests
/// can match on the reason.
///
/// All user-facing wording lives in `description` below. No value here ever holds the API key: clients redact
/// response snippets before building an error.
public struct IngestError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Who produced the bad input: `cryptocompare`, `alternative.me`, a CSV source (`csv data/rain.csv`) or a
    /// file name.
    public var source: String
    public var reason: Reason
    /// The HTTP status of the response that carried the problem, when there was one.
    public var httpStatus: Int?
    /// How many requests were made before giving up (1 when there was no retry).
    public var attempts: Int

    public init(source: String, reason: Reason, httpStatus: Int? = nil, attempts: Int = 1) {
        self.source = source
        self.reason = reason
        self.httpStatus = httpStatus
        self.attempts = attempts
    }

    public enum Reason: Hashable, Sendable {
        /// The API's own error message, verbatim (CryptoCompare `Err.message` or min-api `Message`,
        /// alternative.me `metadata.error`).
        case api(message: String)
        /// A non-success status without an error body we understand.
        case unexpectedStatus
        /// The transport failed (connection refused or reset, DNS, TLS); the system's own text.
        case network(String)
        /// The status line and headers arrived but the connection closed before the whole body did; the bytes
        /// received and the `Content-Length` announced, when known.
        case truncatedResponse(receivedBytes: Int?, expectedBytes: Int?)
        /// No complete answer within the per-request timeout.
        case timedOut(seconds: Double)
        /// The server asked to wait longer than the retry budget has left.
        case retryAfterTooLong(seconds: Double)
        /// The body is not JSON at all (an HTML error page, plain text); the first characters of it.
        case notJSON(snippet: String)
        /// The body starts like JSON but does not parse (truncated, broken).
        case malformedJSON(detail: String)
        /// The JSON parses but a field is missing or has the wrong type; `path` like `Data[3].OPEN`.
        case badField(path: String, detail: String)
        /// A day's timestamp is not 00:00 UTC.
        case notMidnight(path: String, timestamp: Int)
        /// The same day twice with different values.
        case conflictingDuplicate(day: String)
        /// A Fear & Greed label alternative.me does not use.
        case unknownClassification(String)
        /// A CSV header without a column Foresite needs.
        case missingColumn(String)
        /// A CSV cell that should be a number or timestamp.
        case badNumber(line: Int, column: String, value: String)
        /// Configured CSV columns the header lacks, with the header's own columns.
        case missingColumns([String], header: [String])
        /// A CSV date cell that does not read in the configured format.
        case badDate(line: Int, column: String, value: String, format: String)
        /// The same day on two lines of a CSV series.
        case duplicateDay(day: String, line: Int, firstLine: Int)
        /// A configured location that is not an http(s) URL.
        case badURL(String)
        /// A CSV row with a different number of cells than the header.
        case wrongCellCount(line: Int, expected: Int, found: Int)
        /// A CSV file that ends inside a quoted field.
        case unterminatedQuote(line: Int)
        /// A file that is neither a CryptoCompare CSV export nor a saved API response.
        case unrecognisedFormat(detail: String)
        case emptyFile
        case unreadableFile(String)
    }

    public var description: String { "\(source): \(detail)" }

    /// The description without the leading source, for lines that name the source already.
    public var detail: String {
        var text = reasonText
        if let httpStatus { text += " (HTTP \(httpStatus))" }
        if attempts > 1 { text += " after \(attempts) attempts" }
        return text
    }

    /// What went wrong, without the source, status and attempts (for lines that name the source already).
    public var reasonText: String {
        switch reason {
        case .api(let message): message
        case .unexpectedStatus: "unexpected response status"
        case .network(let detail): "network error: \(detail)"
        case .truncatedResponse(let received, let expected): Self.truncation(received: received, expected: expected)
        case .timedOut(let seconds): "no response within \(Self.seconds(seconds))"
        case .retryAfterTooLong(let seconds):
            "asked to retry after \(Self.seconds(seconds)), longer than the retry budget left"
        case .notJSON(let snippet): "response is not JSON: \"\(snippet)\""
        case .malformedJSON(let detail): "malformed JSON: \(detail)"
        case .badField(let path, let detail): "\(path): \(detail)"
        case .notMidnight(let path, let timestamp): "\(path): timestamp \(timestamp) is not 00:00 UTC"
        case .conflictingDuplicate(let day): "day \(day) appears twice with different values"
        case .unknownClassification(let label): "unknown Fear & Greed classification \"\(label)\""
        case .missingColumn(let column): "header has no column \(column)"
        case .badNumber(let line, let column, let value): "line \(line), column \(column): not a number: \"\(value)\""
        case .missingColumns(let missing, let header):
            "header has no column " + missing.map { "'\($0)'" }.joined(separator: ", ") + " (it has "
                + header.map { "'\($0)'" }.joined(separator: ", ") + ")"
        case .badDate(let line, let column, let value, let format):
            "line \(line), column \(column): \"\(value)\" is not a date in the format \(format)"
        case .duplicateDay(let day, let line, let firstLine):
            "line \(line): day \(day) again (first on line \(firstLine))"
        case .badURL(let text): "not an http(s) URL: \"\(text)\""
        case .wrongCellCount(let line, let expected, let found):
            "line \(line): \(found) cells, the header has \(expected)"
        case .unterminatedQuote(let line): "line \(line): quoted field never closed"
        case .unrecognisedFormat(let detail): "not a CryptoCompare CSV export or saved API response: \(detail)"
        case .emptyFile: "file is empty"
        case .unreadableFile(let detail): "cannot read file: \(detail)"
        }
    }

    /// "response truncated: the connection closed after 2345 of 4690 bytes of the body".
    private static func truncation(received: Int?, expected: Int?) -> String {
        let text = "response truncated: the connection closed before the whole body arrived"
        guard let received else { return text }
        guard let expected, expected > 0 else { return text + " (\(received) bytes received)" }
        return "response truncated: the connection closed after \(received) of \(expected) bytes of the body"
    }

    private static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : "\(value) s"
    }
}
