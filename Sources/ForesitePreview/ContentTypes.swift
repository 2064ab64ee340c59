/// Content types by file extension for everything `foresite build` writes (and a few a user may add).
public enum ContentTypes {
    static let byExtension: [String: String] = [
        "html": "text/html; charset=utf-8",
        "css": "text/css; charset=utf-8",
        "js": "text/javascript; charset=utf-8",
        "json": "application/json",
        "xml": "application/xml",
        "svg": "image/svg+xml",
        "csv": "text/csv; charset=utf-8",
        "txt": "text/plain; charset=utf-8",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "ico": "image/x-icon",
        "webp": "image/webp",
        "woff2": "font/woff2",
    ]

    /// The type for `fileName`, `application/octet-stream` when the extension is unknown.
    public static func forFile(_ fileName: String) -> String {
        guard let dot = fileName.lastIndex(of: ".") else { return "application/octet-stream" }
        let fileExtension = fileName[fileName.index(after: dot)...].lowercased()
        if fileName.hasSuffix("feed.xml") { return "application/atom+xml" }
        return byExtension[fileExtension] ?? "application/octet-stream"
    }
}
