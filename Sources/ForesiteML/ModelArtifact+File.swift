import Foundation

#if canImport(Glibc)
    import Glibc
#else
    import Darwin
#endif

extension ModelArtifact {
    /// Writes the artifact as JSON, atomically: to a temporary file in the same folder, then renamed
    /// over `url`, so a reader never sees half a model. Creates the folder if needed.
    public func write(to url: URL) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let folder = url.deletingLastPathComponent()
        let temporary = folder.appendingPathComponent(".\(url.lastPathComponent).\(UUID().uuidString).tmp")
        do {
            let data = try encoder.encode(self)
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try data.write(to: temporary)
            guard rename(temporary.path, url.path) == 0 else {
                throw MLError.unwritableArtifact(path: url.path, reason: String(cString: strerror(errno)))
            }
        } catch let error as MLError {
            try? FileManager.default.removeItem(at: temporary)
            throw error
        } catch {
            try? FileManager.default.removeItem(at: temporary)
            throw MLError.unwritableArtifact(path: url.path, reason: String(describing: error))
        }
    }

    /// Reads an artifact written by `write(to:)`; refuses other format versions.
    public static func read(from url: URL) throws -> ModelArtifact {
        struct Header: Decodable { var formatVersion: Int }
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw MLError.unreadableArtifact(path: url.path, reason: error.localizedDescription)
        }
        do {
            let header = try JSONDecoder().decode(Header.self, from: data)
            guard header.formatVersion == ModelArtifact.formatVersion else {
                throw MLError.unsupportedFormat(version: header.formatVersion, path: url.path)
            }
            return try JSONDecoder().decode(ModelArtifact.self, from: data)
        } catch let error as MLError {
            throw error
        } catch {
            throw MLError.unreadableArtifact(path: url.path, reason: String(describing: error))
        }
    }
}
