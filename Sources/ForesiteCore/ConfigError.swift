/// Why `site/foresite.yml` could not be used; every case names the file and, where there is one, the line
/// and the dotted key, and quotes the offending value, so the message alone is enough to fix the file.
public enum ConfigError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The file does not exist (the usual first-run mistake: wrong working directory or `--config`).
    case missingFile(path: String)
    /// The file exists but could not be read or is not UTF-8.
    case unreadable(path: String, reason: String)
    /// The YAML itself is malformed; `problem` is libyaml's description.
    case syntax(file: String, line: Int, problem: String)
    /// A key Foresite does not know, with the closest known key when one is near enough to be a typo.
    case unknownKey(file: String, line: Int, key: String, suggestion: String?)
    /// A known key whose value has the wrong type, is out of range or refers to something that does not exist.
    case invalidValue(file: String, line: Int, key: String, requirement: String, got: String)

    public var description: String {
        switch self {
        case .missingFile(let path):
            return "\(path): configuration file not found"
        case .unreadable(let path, let reason):
            return "\(path): cannot read the configuration file: \(reason)"
        case .syntax(let file, let line, let problem):
            return "\(file):\(line): YAML syntax error: \(problem)"
        case .unknownKey(let file, let line, let key, let suggestion):
            let hint = suggestion.map { " (did you mean \($0)?)" } ?? ""
            return "\(file):\(line): unknown key \(key)\(hint)"
        case .invalidValue(let file, let line, let key, let requirement, let got):
            return "\(file):\(line): \(key) must be \(requirement), got \(got)"
        }
    }
}
