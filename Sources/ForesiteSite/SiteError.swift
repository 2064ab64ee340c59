/// Everything that can stop a site build, with the file and line (or value) a person needs to fix it.
public enum SiteError: Error, Equatable, CustomStringConvertible {
    /// A template that does not parse; `line` is 1-based in `file`.
    case template(file: String, line: Int, column: Int, message: String)
    /// A page references a partial no template provides.
    case missingPartial(file: String, line: Int, name: String)
    /// A template the build needs is absent from the templates folder.
    case missingTemplate(name: String, directory: String)
    /// A rendered file failed the output check; `line` is 1-based in the rendered file.
    case output(file: String, line: Int, message: String)
    /// A configuration value the site cannot use, quoted.
    case invalidSetting(key: String, value: String, reason: String)
    /// Reading or writing files failed.
    case io(path: String, message: String)

    public var description: String {
        switch self {
        case .template(let file, let line, let column, let message):
            "site: template \(file):\(line):\(column): \(message)"
        case .missingPartial(let file, let line, let name):
            "site: template \(file):\(line): partial '\(name)' does not exist"
        case .missingTemplate(let name, let directory):
            "site: template '\(name).mustache' is missing from '\(directory)'"
        case .output(let file, let line, let message):
            "site: \(file):\(line): \(message)"
        case .invalidSetting(let key, let value, let reason):
            "site: \(key) '\(value)' \(reason)"
        case .io(let path, let message):
            "site: \(path): \(message)"
        }
    }
}

/// All problems the output check found, so one build reports every broken link at once.
public struct SiteCheckFailure: Error, CustomStringConvertible {
    public var problems: [SiteError]

    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
