/// Why the preview server could not start, quoting the path or address involved.
public enum PreviewError: Error, Equatable, CustomStringConvertible {
    case missingRoot(path: String)
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .missingRoot(let path):
            "preview: '\(path)' does not exist or is not a folder; run `foresite build` first"
        case .cannotListen(let host, let port, let reason):
            "preview: cannot listen on \(host):\(port): \(reason)"
        }
    }
}
