import Foundation

/// The real samples the training, backtest and quantile-regression benchmarks read: `FORESITE_SHARED_DATA`,
/// default `../shared/data`.
enum SharedSamplesFolder {
    /// The folder, or nil after printing the benchmark's skip line when it is absent (no PROVENANCE.md).
    static func located() -> URL? {
        let folder = URL(
            fileURLWithPath: ProcessInfo.processInfo.environment["FORESITE_SHARED_DATA"] ?? "../shared/data",
            isDirectory: true)
        guard FileManager.default.fileExists(atPath: folder.appendingPathComponent("PROVENANCE.md").path) else {
            print("skipped: \(folder.path) is absent (set FORESITE_SHARED_DATA to point at it)")
            return nil
        }
        return folder
    }
}
