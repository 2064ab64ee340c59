import ForesitePreview
import ForesiteTestSupport
import Foundation
import Testing

@Suite("Rebuild on change")
struct SiteWatcherTests {
    actor Counter {
        var count = 0
        func increment() { count += 1 }
    }

    @Test func fingerprintSeesAddedChangedAndRemovedFiles() throws {
        let folder = try TemporaryDirectory()
        let file = folder.path("templates/index.mustache")
        try FileManager.default.createDirectory(at: folder.path("templates"), withIntermediateDirectories: true)
        let watcher = SiteWatcher(paths: [folder.path("templates"), folder.path("missing.yml")], rebuild: {})
        #expect(watcher.fingerprint().isEmpty)
        try "a".write(to: file, atomically: true, encoding: .utf8)
        let added = watcher.fingerprint()
        #expect(added.count == 1)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: file.path)
        #expect(watcher.fingerprint() != added)
        try FileManager.default.removeItem(at: file)
        #expect(watcher.fingerprint().isEmpty)
    }

    @Test func aChangeTriggersOneRebuildAndFailuresKeepWatching() async throws {
        let folder = try TemporaryDirectory()
        let config = folder.path("foresite.yml")
        try "site: {}".write(to: config, atomically: true, encoding: .utf8)
        let counter = Counter()
        let watcher = SiteWatcher(
            paths: [config], interval: .milliseconds(20),
            rebuild: {
                await counter.increment()
                throw CancellationError()
            }, report: { _ in })
        let task = Task { await watcher.run() }
        try await Task.sleep(for: .milliseconds(100))
        #expect(await counter.count == 0)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 2_000_000)], ofItemAtPath: config.path)
        for _ in 0..<100 where await counter.count == 0 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await counter.count == 1)
        try FileManager.default.setAttributes(
            [.modificationDate: Date(timeIntervalSince1970: 3_000_000)], ofItemAtPath: config.path)
        for _ in 0..<100 where await counter.count == 1 { try await Task.sleep(for: .milliseconds(20)) }
        #expect(await counter.count == 2)
        task.cancel()
        await task.value
    }
}
