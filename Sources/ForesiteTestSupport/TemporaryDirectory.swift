import Foundation

/// A fresh directory under the system temporary folder, removed when the value is released.
/// Each store or site test gets its own, so tests run in parallel without sharing files.
public final class TemporaryDirectory: Sendable {
    public let url: URL

    public init(prefix: String = "foresite-test") throws {
        url = FileManager.default.temporaryDirectory
            .appendingPathComponent("\(prefix)-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    public func path(_ component: String) -> URL { url.appendingPathComponent(component) }

    deinit {
        try? FileManager.default.removeItem(at: url)
    }
}
