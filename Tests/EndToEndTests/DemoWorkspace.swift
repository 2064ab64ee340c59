import ForesiteCore
import ForesitePipeline
import ForesiteTestSupport
import Foundation

/// A workspace in a temporary folder with the repository's templates and static files and a small model
/// (few epochs) so that end-to-end runs take seconds in a debug build.
struct DemoWorkspace {
    let directory: TemporaryDirectory
    var workspace: Workspace
    let lines = LineCollector()

    init(epochs: Int = 2, retrainEveryDays: Int = 7) throws {
        directory = try TemporaryDirectory(prefix: "foresite-e2e")
        var config = Config()
        config.site.templates = SharedData.packageRoot.appendingPathComponent("templates").path
        config.site.staticFiles = SharedData.packageRoot.appendingPathComponent("site/static").path
        config.model.epochs = epochs
        config.model.hidden = 8
        config.model.retrainEveryDays = retrainEveryDays
        workspace = Demo.workspace(
            from: Workspace(
                root: directory.url, config: config, console: .capturing(into: lines), environment: [:]))
    }

    /// The workspace with the clock at 12:00 UTC on `day`.
    func on(_ day: Day) -> Workspace {
        var moved = workspace
        moved.clock = .at(day)
        return moved
    }

    /// Every file under the output folder with its bytes, by relative path.
    func outputFiles() throws -> [String: Data] {
        let root = workspace.outputURL
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey])
        while let url = enumerator?.nextObject() as? URL {
            guard try url.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile == true else { continue }
            files[String(url.path.dropFirst(root.path.count + 1))] = try Data(contentsOf: url)
        }
        return files
    }
}
