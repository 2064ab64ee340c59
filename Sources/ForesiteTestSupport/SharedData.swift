import Foundation

/// The real samples in `../shared/data` (beside the checkout). Tests that read them are declared
/// `@Test(.enabled(if: SharedData.isAvailable, SharedData.skipMessage))` so a fresh clone still passes.
public enum SharedData {
    /// `FORESITE_SHARED_DATA` if set, else `<package root>/../shared/data`.
    public static let directory: URL = {
        if let override = ProcessInfo.processInfo.environment["FORESITE_SHARED_DATA"] {
            return URL(fileURLWithPath: override, isDirectory: true)
        }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data", isDirectory: true)
    }()

    public static var isAvailable: Bool {
        FileManager.default.fileExists(atPath: directory.appendingPathComponent("PROVENANCE.md").path)
    }

    /// Printed as the reason when a test is skipped.
    public static let skipMessage = "skipped: ../shared/data is absent (set FORESITE_SHARED_DATA to point at it)"

    public static func url(_ name: String) -> URL { directory.appendingPathComponent(name) }

    /// The package root, found from this file's location (Sources/ForesiteTestSupport/SharedData.swift).
    public static let packageRoot: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
}
