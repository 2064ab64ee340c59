import Foundation

/// The CryptoCompare API key. Its only way out is the `Authorization` header built by
/// `CryptoCompareClient`; printing, interpolating, dumping or mirroring it shows `APIKey(redacted)`.
public struct APIKey: Hashable, Sendable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    let secret: String

    /// Nil for an empty or blank key, so "set but empty" behaves like "not set".
    public init?(_ secret: String) {
        let trimmed = secret.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        self.secret = trimmed
    }

    public var description: String { "APIKey(redacted)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: []) }

    /// The environment variable (and `.env` key) the key is read from.
    public static let variableName = "CRYPTO_API_KEY"

    /// `CRYPTO_API_KEY` from `environment`, else from the `.env` file at `dotEnv` (lines `NAME=value`,
    /// optional `export ` prefix, optional quotes, `#` comments); nil when neither has it.
    public static func load(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        dotEnv: URL = URL(fileURLWithPath: ".env")
    ) -> APIKey? {
        if let value = environment[variableName], let key = APIKey(value) { return key }
        guard let text = try? String(contentsOf: dotEnv, encoding: .utf8) else { return nil }
        return fromDotEnv(text)
    }

    static func fromDotEnv(_ text: String) -> APIKey? {
        for rawLine in text.split(whereSeparator: \.isNewline) {
            var line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.hasPrefix("#") { continue }
            if line.hasPrefix("export ") { line = String(line.dropFirst("export ".count)) }
            guard let equals = line.firstIndex(of: "=") else { continue }
            guard line[..<equals].trimmingCharacters(in: .whitespaces) == variableName else { continue }
            var value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = String(value.dropFirst().dropLast())
            }
            return APIKey(value)
        }
        return nil
    }
}
