import Foundation

/// Polls the site's sources (templates, static files, configuration) and calls `rebuild` when any file
/// under them is added, removed or modified.
///
/// Polling modification times keeps it portable and dependency-free; for a few hundred files a scan
/// every second costs next to nothing.
public struct SiteWatcher: Sendable {
    public let paths: [URL]
    public let interval: Duration
    public let rebuild: @Sendable () async throws -> Void
    public let report: @Sendable (String) -> Void

    public init(
        paths: [URL], interval: Duration = .seconds(1), rebuild: @escaping @Sendable () async throws -> Void,
        report: @escaping @Sendable (String) -> Void = { print($0) }
    ) {
        self.paths = paths
        self.interval = interval
        self.rebuild = rebuild
        self.report = report
    }

    /// Path → modification time of every file under `paths` (a missing path contributes nothing).
    public func fingerprint() -> [String: Date] {
        let fileManager = FileManager.default
        var result: [String: Date] = [:]
        for root in paths {
            var isDirectory: ObjCBool = false
            guard fileManager.fileExists(atPath: root.path, isDirectory: &isDirectory) else { continue }
            let files =
                isDirectory.boolValue
                ? (fileManager.enumerator(atPath: root.path)?.compactMap { $0 as? String }
                    .map { root.appendingPathComponent($0).path } ?? []) : [root.path]
            for file in files {
                if let attributes = try? fileManager.attributesOfItem(atPath: file),
                    let modified = attributes[.modificationDate] as? Date
                {
                    result[file] = modified
                }
            }
        }
        return result
    }

    /// Watches until cancelled. A failing rebuild is reported and watching goes on, so a template typo
    /// does not stop the preview.
    public func run() async {
        var last = fingerprint()
        while !Task.isCancelled {
            do { try await Task.sleep(for: interval) } catch { return }
            let current = fingerprint()
            guard current != last else { continue }
            last = current
            do {
                try await rebuild()
                report("preview: rebuilt the site")
            } catch {
                report("preview: rebuild failed: \(error)")
            }
        }
    }
}
