import ArgumentParser
import ForesiteCore
import ForesitePreview
import Foundation

/// `foresite preview`: serves the built site on loopback; with `--watch`, rebuilds it when the
/// templates, static files or configuration change.
struct PreviewCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview", abstract: "Serve the built site locally, optionally rebuilding it on change.")

    @Option(help: "Configuration file (its site.output folder is served).")
    var config = "site/foresite.yml"

    @Option(help: "Address to listen on. Keep the loopback default unless you mean to share the site.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8000

    @Flag(help: "Rebuild the site when templates/, site/ or the configuration change.")
    var watch = false

    @Option(help: "Seconds between checks for changes with --watch.")
    var interval = 1.0

    func validate() throws {
        guard (0...65_535).contains(port) else { throw ValidationError("--port must be 0…65535, got \(port)") }
        guard interval > 0 else { throw ValidationError("--interval must be positive, got \(interval)") }
    }

    func run() async throws {
        let settings = FileManager.default.fileExists(atPath: config) ? try ConfigLoader.load(path: config) : Config()
        let root = URL(fileURLWithPath: settings.site.output, isDirectory: true)
        // The site's published path ("/foresite/"), so 404.html's root-absolute links resolve here too.
        let mountPath = URL(string: settings.site.baseURL)?.path ?? "/"
        let server = try PreviewServer(root: root, host: host, port: port, mountPath: mountPath)
        try await withThrowingTaskGroup(of: Void.self) { group in
            if watch {
                let configPath = config
                let watcher = SiteWatcher(
                    paths: [
                        URL(fileURLWithPath: settings.site.templates), URL(fileURLWithPath: "site"),
                        URL(fileURLWithPath: configPath),
                    ],
                    interval: .milliseconds(Int(interval * 1000)),
                    rebuild: { try await Self.rebuildSite(configPath) })
                group.addTask { await watcher.run() }
            }
            group.addTask {
                try await server.run { port in
                    print("Serving \(root.path) on http://\(host):\(port)/ (Ctrl-C to stop)")
                    // Ctrl-C ends the process without flushing; a piped stdout should still show the address.
                    fflush(nil)
                }
            }
            // Ctrl-C ends the process. If the server fails (the port is taken, say), stop the watcher with it.
            try await group.next()
            group.cancelAll()
        }
    }
}
