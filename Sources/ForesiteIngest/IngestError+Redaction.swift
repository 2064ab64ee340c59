extension IngestError {
    /// The same error with every occurrence of `secret` in its text replaced by `[redacted]`.
    ///
    /// Clients apply it to every error they throw, because error text quotes response bodies and a server may
    /// echo request headers back (some proxies' error pages do).
    func redacting(_ secret: String?) -> IngestError {
        guard let secret, !secret.isEmpty else { return self }
        func clean(_ text: String) -> String { text.replacingOccurrences(of: secret, with: "[redacted]") }
        var copy = self
        copy.source = clean(source)
        switch reason {
        case .api(let message): copy.reason = .api(message: clean(message))
        case .network(let detail): copy.reason = .network(clean(detail))
        case .notJSON(let snippet): copy.reason = .notJSON(snippet: clean(snippet))
        case .malformedJSON(let detail): copy.reason = .malformedJSON(detail: clean(detail))
        case .badField(let path, let detail): copy.reason = .badField(path: clean(path), detail: clean(detail))
        case .unknownClassification(let label): copy.reason = .unknownClassification(clean(label))
        case .badNumber(let line, let column, let value):
            copy.reason = .badNumber(line: line, column: clean(column), value: clean(value))
        case .missingColumn(let column): copy.reason = .missingColumn(clean(column))
        case .missingColumns(let missing, let header):
            copy.reason = .missingColumns(missing.map(clean), header: header.map(clean))
        case .badDate(let line, let column, let value, let format):
            copy.reason = .badDate(line: line, column: clean(column), value: clean(value), format: format)
        case .badURL(let text): copy.reason = .badURL(clean(text))
        case .unrecognisedFormat(let detail): copy.reason = .unrecognisedFormat(detail: clean(detail))
        case .unreadableFile(let detail): copy.reason = .unreadableFile(clean(detail))
        case .unexpectedStatus, .truncatedResponse, .timedOut, .retryAfterTooLong, .notMidnight,
            .conflictingDuplicate, .duplicateDay, .wrongCellCount, .unterminatedQuote, .emptyFile:
            break
        }
        return copy
    }
}
