/// Why the preview server could not start, quoting the path involved.
public enum PreviewError: Error, Equatable, CustomStringConvertible {
    case missingRoot(path: String)

    public var description: String {
        switch self {
        case .missingRoot(let path):
            "preview: '\(path)' does not exist or is not a folder; run `foresite build` first"
        }
    }
}
